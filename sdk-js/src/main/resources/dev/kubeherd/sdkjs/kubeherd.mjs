// ES module face of the `kubeherd` pipeline library: re-exports what the runtime installed.
const k = globalThis.__kubeherdLibrary;
export const TOOLBOX_IMAGE = k.TOOLBOX_IMAGE;
export const buildAmi = k.buildAmi;
export const buildAmiArgs = k.buildAmiArgs;
export const buildImage = k.buildImage;
export const buildImageArgs = k.buildImageArgs;
export const syncMaster = k.syncMaster;
export const syncMasterArgs = k.syncMasterArgs;
export const syncWorker = k.syncWorker;
export const syncWorkerArgs = k.syncWorkerArgs;
export const syncApp = k.syncApp;
export const syncAppArgs = k.syncAppArgs;
export const deployment = k.deployment;
export default k;

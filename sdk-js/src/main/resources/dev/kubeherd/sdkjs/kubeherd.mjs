// ES module face of the `kubeherd` pipeline library: re-exports what the runtime installed.
const k = globalThis.__kubeherdLibrary;
export const TOOLBOX_IMAGE = k.TOOLBOX_IMAGE;
export const buildAmi = k.buildAmi;
export const buildAmiArgs = k.buildAmiArgs;
export const buildImage = k.buildImage;
export const buildImageArgs = k.buildImageArgs;
export default k;

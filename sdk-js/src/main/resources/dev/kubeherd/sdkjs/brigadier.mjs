// ES module face of `brigadier`: re-exports the CommonJS module the runtime installed.
const b = globalThis.__kubeherdBrigadier;
export const events = b.events;
export const fire = b.fire;
export const Job = b.Job;
export const Group = b.Group;
export const Result = b.Result;
export const ErrorReport = b.ErrorReport;
export const EventRegistry = b.EventRegistry;
export const BrigadeEvent = b.BrigadeEvent;
export const JobCache = b.JobCache;
export const JobStorage = b.JobStorage;
export const JobHost = b.JobHost;
export const JobDockerMount = b.JobDockerMount;
export const JobResourceRequest = b.JobResourceRequest;
export const JobResourceLimit = b.JobResourceLimit;
export default b;

// The `kubeherd` pipeline library served to brigade.js (require("kubeherd")): each function returns
// a brigadier Job that runs a kubeherd command in the kubeherd toolbox image, ready to run(), put in
// a Group or adjust first. Today: buildAmi (kubeherd build ami, docs/toolkit.md). `brigadier` is the
// module the runtime built; nothing here talks to the host directly.
(function (brigadier) {
  "use strict";

  /** The toolbox image the jobs run by default (override per call with `image`). */
  const TOOLBOX_IMAGE = "ghcr.io/kubeherd/kubeherd:latest";

  /** Project secrets copied into the job's env when present (prefer IRSA: `serviceAccount`). */
  const AWS_ENV = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION"];

  /** buildAmi option → `kubeherd build ami` flag; `many` repeats the flag, `on` is a switch. */
  const AMI_FLAGS = {
    template: { flag: "--template" },
    varFile: { flag: "--var-file" },
    channel: { flag: "--channel" },
    flatcarVersion: { flag: "--flatcar-version" },
    arch: { flag: "--arch" },
    regions: { flag: "--region", many: true },
    instanceType: { flag: "--instance-type" },
    subnetId: { flag: "--subnet-id" },
    amiNamePrefix: { flag: "--ami-name-prefix" },
    publishSsmParameter: { flag: "--publish-ssm-parameter" },
    launchTemplates: { flag: "--launch-template", many: true },
    asgs: { flag: "--asg", many: true },
    startInstanceRefresh: { flag: "--start-instance-refresh", on: true },
    minHealthyPercentage: { flag: "--min-healthy-percentage" },
    instanceWarmup: { flag: "--instance-warmup" },
    refreshPollInterval: { flag: "--refresh-poll-interval" },
    refreshTimeout: { flag: "--refresh-timeout" },
    keep: { flag: "--keep" },
    rollback: { flag: "--rollback", on: true },
    packer: { flag: "--packer" },
    gitSha: { flag: "--git-sha" },
    output: { flag: "--output" },
  };

  /** Options that shape the job rather than the command. */
  const JOB_OPTIONS = ["name", "image", "project", "secrets", "event", "serviceAccount", "timeout"];

  function checkOptions(fn, options, known) {
    for (const key of Object.keys(options)) {
      if (!known.includes(key)) {
        throw new Error("kubeherd." + fn + ": unknown option '" + key + "'; known options: " + known.join(", "));
      }
    }
  }

  /** The `kubeherd build ami` arguments for `options` (without the leading "kubeherd"). */
  function buildAmiArgs(options) {
    const o = Object.assign({}, options || {});
    checkOptions("buildAmi", o, Object.keys(AMI_FLAGS).concat(JOB_OPTIONS));
    if (o.gitSha === undefined && o.event && o.event.revision && o.event.revision.commit) {
      o.gitSha = o.event.revision.commit;
    }
    const args = ["build", "ami"];
    for (const [key, spec] of Object.entries(AMI_FLAGS)) {
      const value = o[key];
      if (value === undefined || value === null || value === false) continue;
      if (spec.on) {
        args.push(spec.flag);
      } else if (spec.many) {
        for (const v of Array.isArray(value) ? value : [value]) args.push(spec.flag, String(v));
      } else {
        args.push(spec.flag, String(value));
      }
    }
    return args;
  }

  function quote(arg) {
    return /^[A-Za-z0-9_@%+=:,.\/-]+$/.test(arg) ? arg : "'" + arg.replace(/'/g, "'\\''") + "'";
  }

  function awsEnv(options) {
    const secrets = options.secrets || (options.project && options.project.secrets) || {};
    const env = {};
    for (const key of AWS_ENV) {
      if (secrets[key] !== undefined && secrets[key] !== "") env[key] = String(secrets[key]);
    }
    return env;
  }

  /**
   * A Job running `kubeherd build ami` (Flatcar AMI with packer, SSM, launch templates, instance
   * refresh, pruning). Options: the command's flags in camelCase (regions, launchTemplates and asgs
   * are arrays; startInstanceRefresh and rollback are booleans), plus `name` (default "build-ami"),
   * `image` (default the toolbox image), `event` (its revision.commit becomes --git-sha), `project`
   * or `secrets` (AWS_* keys become the job's env), `serviceAccount` (IRSA) and `timeout` in ms
   * (default 3 hours: packer and a refresh take a while).
   */
  function buildAmi(options) {
    const o = options || {};
    const args = buildAmiArgs(o);
    const job = new brigadier.Job(o.name || "build-ami", o.image || TOOLBOX_IMAGE, [
      ["kubeherd"].concat(args).map(quote).join(" "),
    ]);
    job.env = awsEnv(o);
    if (o.serviceAccount) job.serviceAccount = o.serviceAccount;
    job.timeout = o.timeout || 3 * 60 * 60 * 1000;
    return job;
  }

  return { TOOLBOX_IMAGE, buildAmi, buildAmiArgs };
});

// The `kubeherd` pipeline library served to brigade.js (require("kubeherd")): each function returns
// a brigadier Job that runs a kubeherd command in the kubeherd toolbox image, ready to run(), put in
// a Group or adjust first: buildAmi (kubeherd build ami), buildImage (kubeherd build dockerimage),
// syncMaster, syncWorker and syncApp (kubeherd sync master|worker|app, the three pipeline levels),
// plus deployment(), the GitHub deployment filter of the default scripts. See docs/toolkit.md. `brigadier` is the module the runtime built; nothing here talks
// to the host directly.
(function (brigadier) {
  "use strict";

  /**
   * The toolbox image the jobs run by default: the project's TOOLBOX_IMAGE setting (brigcluster
   * worker --image) if set, else this one; `image` overrides it per call.
   */
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
    maxHealthyPercentage: { flag: "--max-healthy-percentage" },
    checkpointPercentages: { flag: "--checkpoint-percentages", many: true },
    checkpointDelay: { flag: "--checkpoint-delay" },
    autoRollback: { flag: "--auto-rollback", on: true },
    instanceWarmup: { flag: "--instance-warmup" },
    refreshPollInterval: { flag: "--refresh-poll-interval" },
    refreshTimeout: { flag: "--refresh-timeout" },
    keep: { flag: "--keep" },
    rollback: { flag: "--rollback", on: true },
    packer: { flag: "--packer" },
    packerTimeout: { flag: "--packer-timeout" },
    gitSha: { flag: "--git-sha" },
    output: { flag: "--output" },
  };

  /** The CLI's defaults of --packer-timeout and --refresh-timeout (docs/toolkit.md). */
  const AMI_PACKER_TIMEOUT = "2h";
  const AMI_REFRESH_TIMEOUT = "2h";

  /**
   * What a buildAmi job needs beyond packer and the refresh: the source image lookup, packer's
   * clean-up after its timeout (killed 5 minutes after SIGTERM), tags, SSM, launch templates and
   * pruning.
   */
  const AMI_TIMEOUT_MARGIN_MS = 30 * 60 * 1000;

  const DURATION_UNITS_MS = { ms: 1, s: 1000, m: 60 * 1000, h: 60 * 60 * 1000, d: 24 * 60 * 60 * 1000 };

  /** A duration as the CLI reads it (500ms, 15s, 2m, 1h, 30d or ISO-8601 like PT15S), in ms. */
  function durationMs(fn, key, value) {
    const v = String(value).trim().toLowerCase();
    const short = /^(\d+)(ms|s|m|h|d)$/.exec(v);
    if (short) return Number(short[1]) * DURATION_UNITS_MS[short[2]];
    const iso = /^p(?:(\d+)d)?(?:t(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?)?$/.exec(v);
    if (iso && !/^pt?$/.test(v) && !v.endsWith("t")) {
      const [d, h, m, s] = iso.slice(1).map((x) => Number(x || 0));
      return Math.round(((d * 24 + h) * 60 + m) * 60 * 1000 + s * 1000);
    }
    throw new Error(
      "kubeherd." + fn + ": " + key + " '" + value + "' is not a duration: use e.g. 500ms, 15s, 2m, 1h, 30d or PT15S",
    );
  }

  /**
   * The buildAmi job's default timeout: packer's (none for a rollback) plus the refresh's (with
   * startInstanceRefresh) plus AMI_TIMEOUT_MARGIN_MS, so the job outlives the command's own limits.
   */
  function amiJobTimeout(o) {
    const given = (key, fallback) => (o[key] === undefined || o[key] === null ? fallback : o[key]);
    const packer = o.rollback ? 0 : durationMs("buildAmi", "packerTimeout", given("packerTimeout", AMI_PACKER_TIMEOUT));
    const refresh = o.startInstanceRefresh
      ? durationMs("buildAmi", "refreshTimeout", given("refreshTimeout", AMI_REFRESH_TIMEOUT))
      : 0;
    return packer + refresh + AMI_TIMEOUT_MARGIN_MS;
  }

  /** buildImage option → `kubeherd build dockerimage` flag. */
  const IMAGE_FLAGS = {
    context: { flag: "--context" },
    builderDockerfile: { flag: "--builder-dockerfile" },
    runtimeDockerfile: { flag: "--runtime-dockerfile" },
    builderScripts: { flag: "--builder-scripts" },
    runtimeScripts: { flag: "--runtime-scripts" },
    registry: { flag: "--registry" },
    repository: { flag: "--repository" },
    tag: { flag: "--tag" },
    cacheTag: { flag: "--cache-tag" },
    tagScheme: { flag: "--tag-scheme" },
    push: { flag: "--push", on: true },
    pushCache: { flag: "--push-cache", on: true },
    forceRebuild: { flag: "--force-rebuild", on: true },
    incremental: { flag: "--incremental", on: true },
    githubUsername: { flag: "--github-username" },
    githubTokenEnv: { flag: "--github-token-env" },
    githubTokenSsmParameter: { flag: "--github-token-ssm-parameter" },
    sshDir: { flag: "--ssh-dir" },
    noSsh: { flag: "--no-ssh", on: true },
    runtimeArtifact: { flag: "--runtime-artifact" },
    maxCacheLayers: { flag: "--max-cache-layers" },
    maxCacheAge: { flag: "--max-cache-age" },
    engine: { flag: "--engine" },
    workDir: { flag: "--work-dir" },
    gitSha: { flag: "--git-sha" },
    output: { flag: "--output" },
  };

  /** Project secrets a buildImage job gets as env (the token is read from there, never argv). */
  const GITHUB_ENV = ["GITHUB_TOKEN", "GITHUB_USERNAME"];

  /**
   * How a buildImage job reaches an engine. "docker-socket" (v1's job.docker.enabled; the project
   * needs allowHostMounts): the node's docker daemon, plus a host directory at the same path for the
   * secrets the daemon bind-mounts. "privileged" (the project needs allowPrivilegedJobs): an engine
   * inside the job's own container (podman in the image).
   */
  const ENGINE_ACCESS = {
    "docker-socket": { engine: "docker" },
    privileged: { engine: "podman" },
  };

  /** Where a docker-socket job keeps its temporary secrets: the same path in the job and on the node. */
  const IMAGE_WORK_DIR = "/var/lib/kubeherd/image-build";

  /** Options that shape the job rather than the command. */
  const JOB_OPTIONS = ["name", "image", "project", "secrets", "event", "serviceAccount", "timeout"];

  function checkOptions(fn, options, known) {
    for (const key of Object.keys(options)) {
      if (!known.includes(key)) {
        throw new Error("kubeherd." + fn + ": unknown option '" + key + "'; known options: " + known.join(", "));
      }
    }
  }

  /** `--git-sha` from the event's commit unless given. */
  function withGitSha(o) {
    if (o.gitSha === undefined && o.event && o.event.revision && o.event.revision.commit) {
      o.gitSha = o.event.revision.commit;
    }
    return o;
  }

  function flagArgs(args, flags, o) {
    for (const [key, spec] of Object.entries(flags)) {
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

  /** The `kubeherd build ami` arguments for `options` (without the leading "kubeherd"). */
  function buildAmiArgs(options) {
    const o = withGitSha(Object.assign({}, options || {}));
    checkOptions("buildAmi", o, Object.keys(AMI_FLAGS).concat(JOB_OPTIONS));
    return flagArgs(["build", "ami"], AMI_FLAGS, o);
  }

  function engineAccess(o) {
    const access = o.engineAccess === undefined ? "docker-socket" : o.engineAccess;
    if (!Object.prototype.hasOwnProperty.call(ENGINE_ACCESS, access)) {
      throw new Error(
        "kubeherd.buildImage: engineAccess must be one of " + Object.keys(ENGINE_ACCESS).join(", ") + ", not '" + access + "'",
      );
    }
    return access;
  }

  /**
   * The `kubeherd build dockerimage` arguments for `options` (without the leading "kubeherd"): the
   * context defaults to the job's checkout (/src), the engine to the one engineAccess reaches.
   */
  function buildImageArgs(options) {
    const o = withGitSha(Object.assign({}, options || {}));
    checkOptions("buildImage", o, Object.keys(IMAGE_FLAGS).concat(JOB_OPTIONS, ["engineAccess"]));
    const access = engineAccess(o);
    if (o.context === undefined) o.context = "/src";
    if (o.engine === undefined) o.engine = ENGINE_ACCESS[access].engine;
    if (o.workDir === undefined && access === "docker-socket") o.workDir = IMAGE_WORK_DIR;
    return flagArgs(["build", "dockerimage"], IMAGE_FLAGS, o);
  }

  function quote(arg) {
    return /^[A-Za-z0-9_@%+=:,.\/-]+$/.test(arg) ? arg : "'" + arg.replace(/'/g, "'\\''") + "'";
  }

  function secretEnv(options, keys) {
    const secrets = options.secrets || (options.project && options.project.secrets) || {};
    const env = {};
    for (const key of keys) {
      if (secrets[key] !== undefined && secrets[key] !== "") env[key] = String(secrets[key]);
    }
    return env;
  }

  function awsEnv(options) {
    return secretEnv(options, AWS_ENV);
  }

  /**
   * A Job running `kubeherd build ami` (Flatcar AMI with packer, SSM, launch templates, instance
   * refresh, pruning). Options: the command's flags in camelCase (regions, launchTemplates and asgs
   * are arrays; startInstanceRefresh and rollback are booleans), plus `name` (default "build-ami"),
   * `image` (default the toolbox image), `event` (its revision.commit becomes --git-sha), `project`
   * or `secrets` (AWS_* keys become the job's env), `serviceAccount` (IRSA) and `timeout` in ms
   * (default: packerTimeout (2h) unless rolling back, plus refreshTimeout (2h) with
   * startInstanceRefresh, plus 30 minutes, so the command's own limits end it first).
   */
  function buildAmi(options) {
    const o = options || {};
    const args = buildAmiArgs(o);
    const job = new brigadier.Job(o.name || "build-ami", jobImage(o), [
      ["kubeherd"].concat(args).map(quote).join(" "),
    ]);
    job.env = awsEnv(o);
    if (o.serviceAccount) job.serviceAccount = o.serviceAccount;
    job.timeout = o.timeout || amiJobTimeout(o);
    return job;
  }

  /**
   * A Job running `kubeherd build dockerimage` on the job's checkout (cached two-stage build,
   * secrets mounted, never committed). Options: the command's flags in camelCase (push, pushCache,
   * forceRebuild, incremental and noSsh are booleans), plus `engineAccess` ("docker-socket", the
   * default, or "privileged"), `name` (default "build-image"), `image` (default the toolbox image),
   * `event` (its revision.commit becomes --git-sha), `project` or `secrets` (GITHUB_TOKEN,
   * GITHUB_USERNAME and AWS_* become the job's env; the token is read from there, never put on the
   * command line), `serviceAccount` and `timeout` in ms (default 1 hour).
   */
  function buildImage(options) {
    const o = options || {};
    const args = buildImageArgs(o);
    const job = new brigadier.Job(o.name || "build-image", jobImage(o), [
      ["kubeherd"].concat(args).map(quote).join(" "),
    ]);
    job.env = Object.assign(secretEnv(o, GITHUB_ENV), awsEnv(o));
    if (engineAccess(o) === "privileged") {
      job.privileged = true;
    } else {
      job.docker.enabled = true;
      const workDir = o.workDir || IMAGE_WORK_DIR;
      job.volumes = [{ name: "kubeherd-image-work", hostPath: { path: workDir, type: "DirectoryOrCreate" } }];
      job.volumeMounts = [{ name: "kubeherd-image-work", mountPath: workDir }];
    }
    if (o.serviceAccount) job.serviceAccount = o.serviceAccount;
    job.timeout = o.timeout || 60 * 60 * 1000;
    return job;
  }

  /** Project secrets a sync job gets as secret references (sops' KMS or age key, SSM): never values. */
  const SYNC_SECRET_KEYS = AWS_ENV.concat(["SOPS_AGE_KEY"]);

  /** The Secret those references name by default (local mode resolves them from project secrets). */
  const SYNC_SECRET_NAME = "kubeherd-sync";

  /** sync option → `kubeherd sync` flag. */
  const SYNC_FLAGS = {
    sshKeyFromSsmParameter: { flag: "--ssh-key-from-ssm-parameter" },
    githubTokenSsmParameter: { flag: "--github-token-ssm-parameter" },
    knownHosts: { flag: "--known-hosts" },
    region: { flag: "--region" },
    workDir: { flag: "--work-dir" },
    helmfile: { flag: "--helmfile" },
    sops: { flag: "--sops" },
    kubectl: { flag: "--kubectl" },
  };

  const SYNC_OPTIONS = JOB_OPTIONS.concat(["environment", "cluster", "create", "repoDir", "secretName", "secretKeys"]);

  function projectSecrets(o) {
    return o.secrets || (o.project && o.project.secrets) || {};
  }

  /** `image`, else the project's TOOLBOX_IMAGE setting, else TOOLBOX_IMAGE. */
  function jobImage(o) {
    return o.image || projectSecrets(o).TOOLBOX_IMAGE || TOOLBOX_IMAGE;
  }

  /** environment and cluster: the options, else ENV and CLUSTER of the project's secrets. */
  function target(fn, o) {
    const secrets = projectSecrets(o);
    const environment = o.environment || secrets.ENV;
    const cluster = o.cluster || secrets.CLUSTER;
    if (!environment) throw new Error("kubeherd." + fn + ": no environment; pass environment or set ENV in the project's secrets");
    if (!cluster) throw new Error("kubeherd." + fn + ": no cluster; pass cluster or set CLUSTER in the project's secrets");
    return { environment: String(environment), cluster: String(cluster) };
  }

  /** First run ("fail if it exists") on the init event unless `create` says otherwise; else upsert. */
  function creating(o) {
    if (o.create !== undefined) return !!o.create;
    return !!(o.event && o.event.type === "init");
  }

  /**
   * Project settings the cluster levels' git flags default to: the names (never the values) of the
   * SSM parameters holding the deploy key and the GitHub token, which brigadm init records.
   */
  const SYNC_GIT_SETTINGS = {
    sshKeyFromSsmParameter: "SSH_KEY_SSM_PARAMETER",
    githubTokenSsmParameter: "GITHUB_TOKEN_SSM_PARAMETER",
  };

  function syncArgs(fn, level, options, extra) {
    checkOptions(fn, options, SYNC_OPTIONS.concat(Object.keys(SYNC_FLAGS)));
    const o = Object.assign({}, options);
    if (level !== "app") {
      const secrets = projectSecrets(o);
      for (const [option, setting] of Object.entries(SYNC_GIT_SETTINGS)) {
        if (o[option] === undefined && secrets[setting]) o[option] = String(secrets[setting]);
      }
    }
    const t = target(fn, o);
    const args = ["sync", level].concat(extra, ["--repo-dir", o.repoDir || "/src", "--environment", t.environment, "--cluster", t.cluster]);
    if (level !== "app" && creating(o)) args.push("--create");
    return flagArgs(args, SYNC_FLAGS, o);
  }

  /** The `kubeherd sync master` arguments for `options` (without the leading "kubeherd"). */
  function syncMasterArgs(options) {
    const o = Object.assign({}, options || {});
    const path = o.path;
    delete o.path;
    return syncArgs("syncMaster", "master", o, path ? ["--path", String(path)] : []);
  }

  /** The `kubeherd sync worker APP` arguments (without the leading "kubeherd"). */
  function syncWorkerArgs(app, options) {
    if (!app || typeof app !== "string") throw new Error("kubeherd.syncWorker: the app name is required");
    const o = Object.assign({}, options || {});
    const repository = o.appRepository;
    delete o.appRepository;
    return syncArgs("syncWorker", "worker", o, [app].concat(repository ? ["--app-repository", String(repository)] : []));
  }

  /** The `kubeherd sync app` arguments (without the leading "kubeherd"). */
  function syncAppArgs(options) {
    const o = Object.assign({}, options || {});
    delete o.gitTag;
    return syncArgs("syncApp", "app", o, []);
  }

  /** `{KEY: {secretKeyRef: {name, key}}}` for each secret key the sync job needs. */
  function secretRefs(o) {
    const name = o.secretName || SYNC_SECRET_NAME;
    const secrets = projectSecrets(o);
    const keys = o.secretKeys || SYNC_SECRET_KEYS.filter((k) => Object.prototype.hasOwnProperty.call(secrets, k));
    const env = {};
    for (const key of keys) env[key] = { secretKeyRef: { name: name, key: key } };
    return env;
  }

  function syncJob(name, args, o, plainEnv) {
    const job = new brigadier.Job(o.name || name, jobImage(o), [["kubeherd"].concat(args).map(quote).join(" ")]);
    job.env = Object.assign({}, plainEnv, secretRefs(o));
    if (o.serviceAccount) job.serviceAccount = o.serviceAccount;
    job.timeout = o.timeout || 30 * 60 * 1000;
    return job;
  }

  /**
   * A Job running `kubeherd sync master` on the job's checkout of the cluster repository (/src):
   * the cluster level, then `sync worker` for every app of apps.yaml. Options: `environment` and
   * `cluster` (default: ENV and CLUSTER of the project's secrets), `create` (default: true for the
   * init event: app namespaces must not exist yet), `path`, `event`, `project`, `name` (default
   * "sync-master"), `image`, `secretName`/`secretKeys` (secret references, default the AWS_* and
   * SOPS_AGE_KEY keys the project's secrets have, in Secret "kubeherd-sync"), `serviceAccount`,
   * `timeout` (default 30 min) and the git flags (sshKeyFromSsmParameter, githubTokenSsmParameter,
   * knownHosts, region); the first two default to the project's SSH_KEY_SSM_PARAMETER and
   * GITHUB_TOKEN_SSM_PARAMETER settings, so the job can fetch private app repositories.
   */
  function syncMaster(options) {
    const o = options || {};
    const args = syncMasterArgs(o);
    const t = target("syncMaster", o);
    return syncJob("sync-master", args, o, { CLUSTER: t.cluster, ENV: t.environment });
  }

  /** A Job running `kubeherd sync worker APP` (options as syncMaster, plus `appRepository`). */
  function syncWorker(app, options) {
    const o = options || {};
    const args = syncWorkerArgs(app, o);
    const t = target("syncWorker", o);
    return syncJob("sync-worker-" + app, args, o, { APP: app, CLUSTER: t.cluster, ENV: t.environment });
  }

  /**
   * A Job running `kubeherd sync app` on the job's checkout of the app repository: its releases
   * from ci/helmfile in ci/environments/ENV. `gitTag` sets GIT_TAG (default: git describe of the
   * checkout); other options as syncMaster.
   */
  function syncApp(options) {
    const o = options || {};
    const args = syncAppArgs(o);
    const t = target("syncApp", o);
    const env = { ENV: t.environment, CLUSTER: t.cluster };
    if (o.gitTag) env.GIT_TAG = String(o.gitTag);
    return syncJob("sync-app", args, o, env);
  }

  function parsed(text) {
    if (text === undefined || text === null || text === "") return {};
    if (typeof text !== "string") return text;
    try {
      return JSON.parse(text);
    } catch (err) {
      return {};
    }
  }

  /**
   * The GitHub deployment of event `e` and whether this pipeline acts on it: only deployments for
   * its environment whose payload.cluster is its cluster or absent (environment and cluster as in
   * syncMaster). Returns {environment, cluster, ref, sha, accepted, reason}.
   */
  function deployment(e, options) {
    const o = options || {};
    const t = target("deployment", o);
    const d = parsed(e && e.payload).deployment || {};
    const payload = parsed(d.payload);
    const cluster = payload && payload.cluster ? String(payload.cluster) : undefined;
    let reason;
    if (d.environment !== t.environment) {
      reason = "deployment is for environment '" + d.environment + "'; this pipeline syncs '" + t.environment + "'";
    } else if (cluster !== undefined && cluster !== t.cluster) {
      reason = "deployment is for cluster '" + cluster + "'; this pipeline syncs '" + t.cluster + "'";
    }
    return { environment: d.environment, cluster: cluster, ref: d.ref, sha: d.sha, accepted: reason === undefined, reason: reason };
  }

  return {
    TOOLBOX_IMAGE,
    buildAmi,
    buildAmiArgs,
    buildImage,
    buildImageArgs,
    syncMaster,
    syncMasterArgs,
    syncWorker,
    syncWorkerArgs,
    syncApp,
    syncAppArgs,
    deployment,
  };
});

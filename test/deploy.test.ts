/**
 * The deployment as shipped: the Kustomize overlays under deploy/k8s render with plain `kubectl
 * kustomize` and every object validates against the Kubernetes OpenAPI schemas (kubernetes-models,
 * offline); probes reach real routes; every command the manifests and the Dockerfile run is a real CLI
 * command; production pins its image. And the Dockerfile's runtime stage, replayed without Docker in a
 * temporary directory (the files its COPY lines take, its `npm ci`, its user and environment), gives a
 * server whose /readyz answers 200 — on embedded PGlite, or on the test PostgreSQL server.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { backend, createTestEnv, type TestEnv } from './support/harness.js';
import { scratchRoot } from './support/scratch.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/src/cli/main.js');
const K8S = path.join(ROOT, 'deploy/k8s');
const OVERLAYS = ['demo', 'production'] as const;
const run = promisify(execFile);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rendered manifests are untyped YAML
type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string> }; [key: string]: any };

async function render(overlay: string): Promise<K8sObject[]> {
  const { stdout } = await run('kubectl', ['kustomize', path.join(K8S, 'overlays', overlay)], { maxBuffer: 16 * 1024 * 1024 });
  return yamlObjects(stdout);
}

function yamlObjects(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw doc.errors[0];
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null);
}

/** Validate `object` with the kubernetes-models class of its apiVersion and kind (throws what is wrong). */
async function validate(object: K8sObject): Promise<void> {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  const module = group === 'keda.sh' ? `@kubernetes-models/keda/keda.sh/${version}` : `kubernetes-models/${group ? `${group}/` : ''}${version}`;
  const models = (await import(module)) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = models[object.kind];
  if (!Model) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  new Model(object).validate();
}

function podSpecs(objects: K8sObject[]): Array<{ owner: string; spec: K8sObject['spec'] }> {
  return objects.flatMap((o) => (o.spec?.template?.spec ? [{ owner: `${o.kind}/${o.metadata.name}`, spec: o.spec.template.spec }] : []));
}

function containers(objects: K8sObject[]): Array<{ owner: string; container: K8sObject['spec'] }> {
  return podSpecs(objects).flatMap(({ owner, spec }) =>
    [...(spec.initContainers ?? []), ...spec.containers].map((container: unknown) => ({ owner, container: container as K8sObject['spec'] })),
  );
}

/** Every TENANTRY_* name src/ mentions. */
function variablesReadInSrc(): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue;
    for (const m of readFileSync(path.join(ROOT, 'src', file), 'utf8').matchAll(/TENANTRY_[A-Z0-9_]+/g)) names.add(m[0]);
  }
  return names;
}

/** The Dockerfile as instructions (continuation lines joined, comments dropped), by stage. */
function dockerStages(): Array<{ name: string; instructions: Array<{ op: string; args: string }> }> {
  const text = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const stages: Array<{ name: string; instructions: Array<{ op: string; args: string }> }> = [];
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z]+)\s+(.*)$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    const [, op, args] = m as unknown as [string, string, string];
    if (op === 'FROM') stages.push({ name: / AS (\S+)/i.exec(args)?.[1] ?? String(stages.length), instructions: [] });
    else stages.at(-1)?.instructions.push({ op, args: args.trim() });
  }
  return stages;
}

/** Whether .dockerignore keeps `file` (a path relative to the context) out of the build context. */
function dockerIgnored(file: string): boolean {
  const patterns = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const glob = (p: string) =>
    new RegExp(
      `^${p
        .replace(/[.+^${}()|[\]]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]')}$`,
    );
  const parts = file.replace(/\/$/, '').split('/');
  // A pattern matches the path or any folder above it (Docker's matching, without `**` and `!`).
  return patterns.some((p) => parts.some((_, i) => glob(p.replace(/\/$/, '')).test(parts.slice(0, i + 1).join('/'))));
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe(`deployment manifests and image (${backend})`, () => {
  const rendered = {} as Record<(typeof OVERLAYS)[number], K8sObject[]>;
  /** The test database on PostgreSQL (the replayed server runs on it); embedded needs none. */
  let env: TestEnv | undefined;
  const children: ChildProcess[] = [];
  /** The paths the API's probes ask in either overlay (the replayed image's server must answer them). */
  const apiProbePaths = () =>
    new Set(
      OVERLAYS.flatMap((overlay) =>
        containers(rendered[overlay])
          .filter(({ container }) => container.args?.[0] === 'serve')
          .flatMap(({ container }) => ['startupProbe', 'readinessProbe', 'livenessProbe'].map((kind) => container[kind]?.httpGet?.path as string)),
      ),
    );

  beforeAll(async () => {
    for (const overlay of OVERLAYS) rendered[overlay] = await render(overlay);
    if (backend === 'postgres') env = await createTestEnv();
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await env?.cleanup();
  });

  it.each(OVERLAYS)('the %s overlay renders, and every object validates against the Kubernetes schemas', async (overlay) => {
    const objects = rendered[overlay];
    expect(objects.length).toBeGreaterThan(5);
    for (const object of objects) await expect(validate(object), `${object.kind}/${object.metadata.name}`).resolves.toBeUndefined();
    // Checks that need more than one object: what selects pods selects some; what is named exists.
    const pods = podSpecs(objects).map(({ owner }) => objects.find((o) => `${o.kind}/${o.metadata.name}` === owner)!.spec.template.metadata.labels);
    const selects = (selector: Record<string, string>) => pods.some((labels) => Object.entries(selector).every(([k, v]) => labels[k] === v));
    for (const o of objects) {
      const selector =
        o.kind === 'Service'
          ? o.spec.selector
          : ['PodDisruptionBudget', 'NetworkPolicy'].includes(o.kind)
            ? (o.spec.selector ?? o.spec.podSelector).matchLabels
            : undefined;
      if (selector) expect(selects(selector), `${o.kind}/${o.metadata.name} selects no pod`).toBe(true);
      if (o.kind === 'HorizontalPodAutoscaler')
        expect(objects.some((d) => d.kind === 'Deployment' && d.metadata.name === o.spec.scaleTargetRef.name)).toBe(true);
    }
    for (const { owner, container } of containers(objects)) {
      for (const ref of container.envFrom ?? []) {
        if (ref.configMapRef)
          expect(
            objects.some((o) => o.kind === 'ConfigMap' && o.metadata.name === ref.configMapRef.name),
            owner,
          ).toBe(true);
      }
    }
  });

  it('the examples and the Secret template validate (KEDA by its own schema; CloudNativePG parses)', async () => {
    const examples = path.join(K8S, 'examples');
    for (const object of yamlObjects(await fs.readFile(path.join(examples, 'keda-scaledobject.yaml'), 'utf8'))) await validate(object);
    const secret = yamlObjects(await fs.readFile(path.join(K8S, 'base/secret.example.yaml'), 'utf8'));
    expect(secret.map((o) => o.kind)).toEqual(['Secret']);
    await validate(secret[0]!);
    // A template: every value is a placeholder, never a real secret.
    for (const [key, value] of Object.entries(secret[0]!.stringData as Record<string, string>)) expect(value, key).toContain('CHANGE-ME');
    const cnpg = yamlObjects(await fs.readFile(path.join(examples, 'cnpg-cluster.yaml'), 'utf8'));
    expect(cnpg.map((o) => `${o.apiVersion} ${o.kind}`)).toEqual([
      'postgresql.cnpg.io/v1 Cluster',
      'postgresql.cnpg.io/v1 ScheduledBackup',
      'postgresql.cnpg.io/v1 Cluster',
    ]);
  });

  it('every TENANTRY_* variable the manifests set is one Tenantry reads', async () => {
    const read = variablesReadInSrc();
    const secret = yamlObjects(await fs.readFile(path.join(K8S, 'base/secret.example.yaml'), 'utf8'))[0]!;
    for (const overlay of OVERLAYS) {
      const set = [
        ...rendered[overlay].filter((o) => o.kind === 'ConfigMap').flatMap((o) => Object.keys(o.data)),
        ...containers(rendered[overlay]).flatMap(({ container }) => (container.env ?? []).map((e: { name: string }) => e.name)),
        ...Object.keys(secret.stringData),
      ];
      for (const name of set) expect(read.has(name), `${overlay}: ${name}`).toBe(true);
    }
  });

  it('Prometheus scrapes each process on its internal metrics port, which only the monitoring namespace may reach', () => {
    for (const overlay of OVERLAYS) {
      const config = rendered[overlay].find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'tenantry-config')!.data as Record<string, string>;
      const policies = rendered[overlay].filter((o) => o.kind === 'NetworkPolicy');
      for (const o of rendered[overlay].filter((x) => x.kind === 'Deployment')) {
        const container = o.spec.template.spec.containers[0];
        const command = (container.args as string[])[0];
        const annotations = o.spec.template.metadata.annotations as Record<string, string>;
        const expected = command === 'serve' ? config.TENANTRY_METRICS_PORT : config.TENANTRY_WORKER_PORT;
        expect(expected, `${overlay} ${o.metadata.name}`).toBeDefined();
        expect(annotations['prometheus.io/port'], `${overlay} ${o.metadata.name}`).toBe(expected);
        const port = (container.ports as Array<{ name: string; containerPort: number }>).find((p) => p.containerPort === Number(expected));
        expect(port, `${overlay} ${o.metadata.name}`).toBeDefined();
        // A policy selecting these pods admits that port from the monitoring namespace only.
        const labels = o.spec.template.metadata.labels as Record<string, string>;
        const selecting = policies.filter((np) => Object.entries(np.spec.podSelector.matchLabels as Record<string, string>).every(([k, v]) => labels[k] === v));
        if (selecting.length === 0) continue; // an overlay without policies
        const rules = selecting.flatMap((np) => np.spec.ingress as Array<{ from?: unknown[]; ports: Array<{ port: string | number }> }>);
        const admitting = rules.filter((r) => r.ports.some((p) => p.port === port!.name || p.port === port!.containerPort));
        expect(admitting.length, `${overlay} ${o.metadata.name}`).toBeGreaterThan(0);
        for (const rule of admitting) expect(JSON.stringify(rule.from), `${overlay} ${o.metadata.name}`).toContain('monitoring');
      }
    }
  });

  it("probes ask the API's port and the worker's; the drain fits in the grace period", () => {
    for (const overlay of OVERLAYS) {
      const config = rendered[overlay].find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'tenantry-config')!.data as Record<string, string>;
      for (const { owner, spec } of podSpecs(rendered[overlay])) {
        for (const container of spec.containers) {
          const args: string[] = container.args;
          const ports = new Map<string, number>((container.ports ?? []).map((p: { name: string; containerPort: number }) => [p.name, p.containerPort]));
          for (const kind of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
            const probe = container[kind]?.httpGet as { path: string; port: string } | undefined;
            if (!probe) continue;
            const port = ports.get(probe.port);
            if (args[0] === 'serve') {
              expect(port, `${overlay} ${owner} ${kind}`).toBe(Number(config.TENANTRY_PORT));
              // The paths are asked of the server the image runs, in the replay below.
            } else {
              // The worker's own health server (TENANTRY_WORKER_PORT) serves the same two paths.
              expect(args[0]).toBe('worker');
              expect(port, `${overlay} ${owner} ${kind}`).toBe(Number(config.TENANTRY_WORKER_PORT));
              expect(['/healthz', '/readyz']).toContain(probe.path);
            }
          }
          if (args[0] === 'serve' || args[0] === 'worker') {
            expect(container.readinessProbe, owner).toBeDefined();
            expect(container.livenessProbe, owner).toBeDefined();
            expect(container.startupProbe, owner).toBeDefined();
            // preStop sleeps as long as the shutdown delay; the grace period outlasts sleep + delay + drain.
            const sleep = Number(container.lifecycle.preStop.exec.command[1]);
            expect(container.lifecycle.preStop.exec.command[0]).toBe('sleep');
            expect(sleep * 1000).toBe(Number(config.TENANTRY_SHUTDOWN_DELAY_MS));
            expect(spec.terminationGracePeriodSeconds, owner).toBeGreaterThan(
              sleep + (Number(config.TENANTRY_SHUTDOWN_DELAY_MS) + Number(config.TENANTRY_SHUTDOWN_TIMEOUT_MS)) / 1000,
            );
          }
          // Non-root, read-only root filesystem, a writable /tmp.
          expect(spec.securityContext.runAsNonRoot, owner).toBe(true);
          expect(container.securityContext.readOnlyRootFilesystem, owner).toBe(true);
          expect(
            container.volumeMounts.map((m: { mountPath: string }) => m.mountPath),
            owner,
          ).toContain('/tmp');
        }
      }
    }
  });

  it("every pod meets the 'restricted' Pod Security Standard (production's namespace enforces it)", () => {
    for (const overlay of OVERLAYS) {
      for (const { owner, spec } of podSpecs(rendered[overlay])) {
        expect(spec.securityContext, owner).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
        expect(spec.automountServiceAccountToken, owner).toBe(false);
        for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
          expect(container.securityContext, `${overlay} ${owner} ${container.name}`).toMatchObject({
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          });
          expect(container.resources.requests, `${owner} ${container.name}`).toBeDefined();
          expect(container.resources.limits.memory, `${owner} ${container.name}`).toBeDefined();
        }
      }
    }
    expect(rendered.production.find((o) => o.kind === 'Namespace')!.metadata.labels!['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  it('the demo is one pod (PGlite is single-process) on a PersistentVolumeClaim; production pins its image', () => {
    const demo = rendered.demo;
    const deployments = demo.filter((o) => o.kind === 'Deployment');
    expect(deployments.map((d) => [d.metadata.name, d.spec.replicas, d.spec.strategy.type])).toEqual([['tenantry-api', 1, 'Recreate']]);
    expect(demo.filter((o) => ['HorizontalPodAutoscaler', 'Job'].includes(o.kind))).toEqual([]);
    const volumes = deployments[0]!.spec.template.spec.volumes as Array<{ name: string; persistentVolumeClaim?: { claimName: string } }>;
    const claim = volumes.find((v) => v.name === 'data')!.persistentVolumeClaim!.claimName;
    expect(demo.some((o) => o.kind === 'PersistentVolumeClaim' && o.metadata.name === claim)).toBe(true);
    expect(demo.find((o) => o.kind === 'ConfigMap')!.data.TENANTRY_DATABASE_URL).toBeUndefined();

    const production = rendered.production;
    expect(production.find((o) => o.kind === 'Deployment' && o.metadata.name === 'tenantry-api')!.spec.replicas).toBe(3);
    const images = containers(production).map(({ container }) => container.image as string);
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const image of images) {
      expect(image).toMatch(/(:[\w][\w.-]*|@sha256:[0-9a-f]{64})$/);
      expect(image).not.toMatch(/:latest$/);
    }
    expect(new Set(images).size).toBe(1);
  });

  it('every command the manifests and the Dockerfile run is a real CLI command', async () => {
    const commands = new Set<string>();
    for (const overlay of OVERLAYS) for (const { container } of containers(rendered[overlay])) commands.add(JSON.stringify(container.args));
    const runtime = dockerStages().at(-1)!;
    const entrypoint = JSON.parse(runtime.instructions.find((i) => i.op === 'ENTRYPOINT')!.args) as string[];
    expect(entrypoint).toEqual(['/usr/bin/tini', '--', 'node', 'dist/src/cli/main.js']);
    commands.add(runtime.instructions.find((i) => i.op === 'CMD')!.args);
    // And the ones its header shows (`docker run … tenantry:0.1.0 migrate`).
    for (const m of readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').matchAll(/^#.*docker run .*tenantry:\S+ ([a-z]+)/gm))
      commands.add(JSON.stringify([m[1]]));
    expect([...commands].map((c) => (JSON.parse(c) as string[])[0]).sort()).toEqual(expect.arrayContaining(['migrate', 'serve', 'worker']));
    // Each command's help once (in parallel: a CLI process takes a second or more to start), then
    // every flag the manifests pass it must be one of its options.
    const flagsOf = new Map<string, Set<string>>();
    for (const command of commands) {
      const args = JSON.parse(command) as string[];
      const words = args.filter((a, i) => !a.startsWith('-') && !args[i - 1]?.startsWith('--')).join(' ');
      const flags = flagsOf.get(words) ?? new Set<string>();
      for (const flag of args.filter((a) => a.startsWith('--'))) flags.add(flag);
      flagsOf.set(words, flags);
    }
    await Promise.all(
      [...flagsOf].map(async ([words, flags]) => {
        const { stdout } = await run(process.execPath, [CLI, ...words.split(' '), '--help']);
        expect(stdout, words).toMatch(new RegExp(`^Usage: tenantry ${words} `));
        for (const flag of flags) expect(stdout, `${words}: ${flag}`).toContain(flag);
      }),
    );
  });

  it("the Dockerfile's runtime stage, replayed without Docker as a non-root user, answers the probes", async () => {
    const stages = dockerStages();
    const [build, runtime] = [stages.find((s) => s.name === 'build')!, stages.at(-1)!];
    // The build stage's sources are in the context: nothing it copies is in .dockerignore.
    for (const { args } of build.instructions.filter((i) => i.op === 'COPY')) {
      for (const source of args.split(/\s+/).slice(0, -1)) {
        expect(dockerIgnored(source), source).toBe(false);
        await fs.access(path.join(ROOT, source));
      }
    }
    expect(build.instructions.filter((i) => i.op === 'RUN').map((i) => i.args)).toEqual(['npm ci --ignore-scripts --no-audit --no-fund', 'npm run build']);

    const root = await fs.mkdtemp(path.join(scratchRoot, 'tenantry-image-'));
    const asRoot = process.getuid?.() === 0;
    const user = asRoot ? { uid: 65534, gid: 65534 } : {};
    try {
      await fs.chmod(root, 0o755);
      let workdir = root;
      const imageEnv: Record<string, string> = {};
      let ranAs: string | undefined;
      for (const { op, args } of runtime.instructions) {
        if (op === 'WORKDIR') {
          workdir = path.join(root, args);
          await fs.mkdir(workdir, { recursive: true });
        } else if (op === 'ENV') {
          for (const m of args.matchAll(/(\w+)=(\S+)/g)) imageEnv[m[1]!] = m[2]!;
        } else if (op === 'COPY' && args.startsWith('--from=build ')) {
          // The build stage's output: this checkout's `npm run build` (its WORKDIR /app is the repo root).
          const [from, to] = args.slice('--from=build '.length).split(/\s+/) as [string, string];
          await fs.cp(path.join(ROOT, path.relative('/app', from)), path.join(workdir, to), { recursive: true });
        } else if (op === 'COPY') {
          const parts = args.split(/\s+/);
          for (const source of parts.slice(0, -1)) {
            expect(dockerIgnored(source), source).toBe(false);
            await fs.cp(path.join(ROOT, source), path.join(workdir, parts.at(-1)!, path.basename(source)), { recursive: true });
          }
        } else if (op === 'RUN') {
          for (const step of args.split('&&').map((s) => s.trim())) {
            if (step.startsWith('npm ci')) {
              expect(step).toContain('--omit=dev');
              // The machine's npm cache first (CI's `npm ci` has just filled it).
              await run('npm', [...step.split(/\s+/).slice(1), '--prefer-offline', '--loglevel=error'], { cwd: workdir, maxBuffer: 16 * 1024 * 1024 });
            } else {
              // The other steps set up the OS (tini, the /data owner, npm's cache): nothing to replay here.
              expect(step).toMatch(/^(apt-get |rm -rf \/var\/lib\/apt\/lists|npm cache clean|mkdir -p \/data|chown node:node \/data)/);
            }
          }
        } else if (op === 'USER') {
          ranAs = args;
        }
      }
      expect(ranAs).toBe('node');
      // Production dependencies only: no test tooling in the image.
      await expect(fs.access(path.join(workdir, 'node_modules/vitest'))).rejects.toThrow();
      await fs.access(path.join(workdir, 'node_modules/fastify'));

      const dataDir = path.join(root, 'data');
      await fs.mkdir(dataDir);
      if (asRoot) await fs.chown(dataDir, 65534, 65534);
      const entrypoint = JSON.parse(runtime.instructions.find((i) => i.op === 'ENTRYPOINT')!.args) as string[];
      const cmd = JSON.parse(runtime.instructions.find((i) => i.op === 'CMD')!.args) as string[];
      const port = await freePort();
      const childEnv = {
        PATH: process.env.PATH!,
        HOME: dataDir,
        ...imageEnv,
        // Loopback and a free port here instead of 0.0.0.0:3000; the data directory as the volume.
        TENANTRY_HOST: '127.0.0.1',
        TENANTRY_PORT: String(port),
        TENANTRY_DATA_DIR: dataDir,
        ...(env && { TENANTRY_DATABASE_URL: env.config.clusters[0]!.url! }),
      };
      // tini is PID 1 in the image; here Node is started directly.
      const [node, main] = entrypoint.slice(2) as [string, string];
      const child = spawn(node === 'node' ? process.execPath : node, [main, ...cmd], {
        cwd: workdir,
        env: childEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
        ...user,
      });
      children.push(child);
      let output = '';
      child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      let status = 0;
      for (const deadline = Date.now() + 90_000; Date.now() < deadline && child.exitCode === null;) {
        status = await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 200) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(status, output).toBe(200);
      // Every path the manifests probe the API on is a route of this server, and it is up.
      expect([...apiProbePaths()].sort()).toEqual(['/healthz', '/readyz']);
      for (const probe of apiProbePaths()) expect((await fetch(`http://127.0.0.1:${port}${probe}`)).status, probe).toBe(200);
      // The admin console is in the image (built in the build stage) and served.
      const consolePage = await fetch(`http://127.0.0.1:${port}/console/`);
      expect(consolePage.status).toBe(200);
      expect(await consolePage.text()).toContain('<div id="app"></div>');
      // The image's HEALTHCHECK command itself, as Docker would run it in the container.
      const healthcheck = JSON.parse(runtime.instructions.find((i) => i.op === 'HEALTHCHECK')!.args.replace(/^.*?CMD\s+/, '')) as string[];
      expect(healthcheck[0]).toBe('node');
      await run(process.execPath, healthcheck.slice(1), { cwd: workdir, env: childEnv });
      child.kill('SIGTERM');
      const code = await new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
      expect(code, output).toBe(0);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});

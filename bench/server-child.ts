/** Entry of a benchmark server child process: `node server-child.js <tenantry|bare> <url> <tenant>`. */
import { child } from './support.js';

// Stopped by the benchmark with SIGTERM: exit normally, so a CPU profile (BENCH_CPU_PROF) is written.
if (process.execArgv.includes('--cpu-prof')) process.once('SIGTERM', () => process.exit(0));
await child(process.argv[2]!, process.argv[3]!, process.argv[4]!);

import { accessSync, constants, statfsSync } from 'node:fs';
import os from 'node:os';

/** Free space below which /dev/shm is not used (a container's default is 64 MB; a run holds a few GB at peak). */
const MIN_SHM_BYTES = 4 * 1024 ** 3;

/**
 * Where tests keep their data directories: `TENANTRY_TEST_TMPDIR`, else /dev/shm when the machine has
 * it (tmpfs) with room to spare, else the OS temp directory. PGlite opens a data file hundreds of times
 * for each DDL statement; on these machines' ext4 an open costs ~0.3 ms, and the same DDL runs 2.5×
 * faster on tmpfs.
 */
export const scratchRoot: string =
  process.env.TENANTRY_TEST_TMPDIR ||
  (() => {
    try {
      accessSync('/dev/shm', constants.W_OK);
      const { bavail, bsize } = statfsSync('/dev/shm');
      return bavail * bsize >= MIN_SHM_BYTES ? '/dev/shm' : os.tmpdir();
    } catch {
      return os.tmpdir();
    }
  })();

/**
 * shared_buffers of the tests' PGlite instances, in MB (PGlite's default is 128): each start zeroes
 * them in WebAssembly, about a second per 128 MB on a 2-core machine, paid by every cluster, tenant
 * database and reopening. The tests' data is small; past 16 MB pages are read back from the files.
 */
export const TEST_PGLITE_SHARED_BUFFERS_MB = 16;

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

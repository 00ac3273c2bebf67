import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite keeps its files in DATA_DIR and assumes it is the only process using them: a second process
 * writing the same directory silently loses rows. So the first process takes a lock file and any other
 * process refuses to start while the holder is alive. A lock left by a crashed process is taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `数据目录 ${dataDir} 正被另一个 CaseArena 进程（PID ${holderPid}）使用，不能同时启动两个进程。` +
        `请先停止那个进程，或用 DATA_DIR 指定另一个目录。\n` +
        `The data directory ${dataDir} is in use by another CaseArena process (PID ${holderPid}); ` +
        'stop it first or set DATA_DIR to another directory.',
    );
    this.name = 'DataDirLockedError';
  }
}

const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'casearena.lock');
  if (heldHere.has(file)) throw new DataDirLockedError(dataDir, process.pid);
  const body = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(file, body, { flag: 'wx' });
      heldHere.add(file);
      return {
        release() {
          heldHere.delete(file);
          fs.rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(file);
      if (holder && holder.host === os.hostname() && isAlive(holder.pid)) {
        throw new DataDirLockedError(dataDir, holder.pid);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function readHolder(file: string): { pid: number; host: string } | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: unknown; host?: unknown };
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? { pid: parsed.pid, host: parsed.host } : null;
  } catch {
    return null;
  }
}

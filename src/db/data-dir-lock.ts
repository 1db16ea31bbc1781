import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';

/**
 * Who holds a PGlite data directory. PGlite is PostgreSQL in one process with no shared memory
 * between processes: a second process that opens the same directory writes over the first one's
 * pages (a user created by the CLI while the server ran was lost, and the events table was left with
 * two heap rows under one id). So one process at a time: the holder's pid, the start time of that
 * process (a reused pid is not mistaken for it) and a token (so only this opening removes it).
 */
export interface LockHolder {
  pid: number;
  /** When the holding process started, ISO 8601. */
  startedAt: string;
  /** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot) where there is /proc. */
  procStart: string | null;
  host: string;
  command: string;
  token: string;
}

/** A second opening of a PGlite data directory that another process (or opening) holds. */
export class DataDirLockedError extends Error {
  readonly messageZh: string;
  readonly messageEn: string;
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const zh =
      `数据目录 ${dataDir} 正由另一个 Minsheng 进程使用（pid ${holder.pid}，${holder.startedAt} 起运行：${holder.command}）。` +
      `内置数据库（PGlite）同一时间只能由一个进程打开，否则数据会损坏。` +
      `请先停止该进程（kill -TERM ${holder.pid}，或在其终端按 Ctrl+C）再运行此命令；` +
      `服务运行期间请使用网页管理界面（/ → 管理）；或设置 DATABASE_URL 改用 PostgreSQL。`;
    const en =
      `The data directory ${dataDir} is in use by another Minsheng process (pid ${holder.pid}, running since ${holder.startedAt}: ${holder.command}). ` +
      `The embedded database (PGlite) may be opened by one process at a time; a second one would corrupt it. ` +
      `Stop that process first (kill -TERM ${holder.pid}, or Ctrl+C in its terminal) and run this command again; ` +
      `while the server runs, use the web administration (/ → administration); or set DATABASE_URL to use PostgreSQL.`;
    super(`${zh}\n${en}`);
    this.name = 'DataDirLockedError';
    this.messageZh = zh;
    this.messageEn = en;
  }
}

export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file if it is still this opening's. */
  release(): void;
}

/** The start time of process `pid` as /proc knows it, or null without /proc (or no such process). */
function procStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true; // another machine's process cannot be checked
  try {
    process.kill(holder.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: a process of another user has this pid — alive.
  }
  // The pid may have been reused by another process since the holder died.
  const now = procStartOf(holder.pid);
  return !(holder.procStart && now && now !== holder.procStart);
}

function readHolder(path: string): LockHolder | null {
  try {
    const h = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    return typeof h.pid === 'number' && typeof h.token === 'string' ? (h as LockHolder) : null;
  } catch {
    return null;
  }
}

const processStartedAt = new Date(Date.now() - process.uptime() * 1000).toISOString();
const held = new Set<string>();
let exitHookInstalled = false;

/**
 * Takes the lock file `<dataDir>.lock` for this process, atomically (the complete file is linked
 * into place, which fails if one exists). A lock whose holder is no longer alive is taken over with
 * a warning; a live holder's lock throws DataDirLockedError. The lock is removed by `release()`,
 * and at the latest when the process exits.
 */
export function acquireDataDirLock(
  dataDir: string,
  warn: (msg: string) => void = (m) => console.warn(m),
): DataDirLock {
  const path = `${dataDir}.lock`;
  const me: LockHolder = {
    pid: process.pid,
    startedAt: processStartedAt,
    procStart: procStartOf(process.pid),
    host: hostname(),
    command: ['minsheng', ...process.argv.slice(2)].join(' '),
    token: randomBytes(12).toString('hex'),
  };
  const tmp = `${path}.${process.pid}.${me.token}`;
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    writeSync(fd, `${JSON.stringify(me, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(tmp, path);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw err;
      }
      const holder = readHolder(path);
      if (holder && isAlive(holder)) throw new DataDirLockedError(dataDir, holder);
      // Stale (its process is gone) or unreadable: move it aside, and take it over only if what was
      // moved is the lock just judged stale — another process may have taken it over meanwhile.
      const aside = `${path}.stale.${process.pid}.${me.token}`;
      try {
        renameSync(path, aside);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw e;
      }
      const moved = readHolder(aside);
      if (moved && holder && moved.token !== holder.token) {
        try {
          linkSync(aside, path); // not the stale one: put it back
        } finally {
          unlinkSync(aside);
        }
        throw new DataDirLockedError(dataDir, moved);
      }
      unlinkSync(aside);
      warn(
        holder
          ? `数据库：进程 ${holder.pid} 已不在运行，接管其留下的数据目录锁 ${path}。\n` +
              `database: took over the lock of ${dataDir} left by pid ${holder.pid} (started ${holder.startedAt}), which is no longer running`
          : `数据库：锁文件 ${path} 无法读取，已替换。\ndatabase: replaced an unreadable lock file ${path}`,
      );
    }
  } finally {
    unlinkSync(tmp);
  }
  held.add(path);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A process that ends without closing the database (process.exit in a command) leaves no lock.
    process.once('exit', () => {
      for (const p of held) removeIfMine(p, process.pid);
    });
  }
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      held.delete(path);
      const h = readHolder(path);
      if (h && h.token === me.token) unlinkSync(path);
    },
  };
}

function removeIfMine(path: string, pid: number) {
  try {
    if (readHolder(path)?.pid === pid) unlinkSync(path);
  } catch {
    // already gone
  }
}

/**
 * Chromium's processes under this bench, by role, for bench/cpu.ts: with WebGL in software the GPU
 * process (SwiftShader) does the drawing, the renderer runs the page's JavaScript, and both compete
 * for the same two cores — their shares say which one a frame waited for.
 */
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** The command line as one string: Chromium rewrites its own into a single space-separated argument. */
function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** { gpu, renderer, browser }: pids of Chromium processes descending from `root` (this process); Linux only, else empty. */
export async function chromiumGroups(root = process.pid): Promise<Record<string, number[]>> {
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  } catch {
    return {};
  }
  const parent = new Map(pids.map((p) => [p, parentOf(p)]));
  const descends = (p: number) => {
    for (let q: number | null | undefined = parent.get(p), hops = 0; q && hops < 20; q = parent.get(q), hops++)
      if (q === root) return true;
    return false;
  };
  const groups: Record<string, number[]> = { gpu: [], renderer: [], browser: [] };
  for (const p of pids) {
    if (!descends(p)) continue;
    const cmd = commandLine(p);
    if (!/^\S*chrom/i.test(cmd)) continue; // esbuild's service process, the shell of /usr/bin/chromium
    const type = /--type=(\S+)/.exec(cmd)?.[1];
    (type === 'gpu-process' ? groups.gpu : type === 'renderer' ? groups.renderer : groups.browser)!.push(p);
  }
  return groups;
}

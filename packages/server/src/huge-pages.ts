/**
 * Transparent huge pages for the memory glibc's malloc hands out, which is where Node keeps the
 * contents of every typed array: the read index, the plate dictionary and the hotlist matcher,
 * gigabytes at full size. On 4 KiB pages each of their random look-ups may miss the TLB, and a
 * host that tracks its guests' memory use page by page (a VM whose kernel samples accessed bits,
 * as DAMON does every half second on these machines) makes every sample cost the process tens
 * of milliseconds of page-table work: measured as event-loop stalls of 20–70 ms twice a second,
 * which set the alert latency's tail. On 2 MiB pages there are 512 times fewer entries to walk.
 *
 * Kernels ship THP as `madvise` (only memory that asks gets huge pages); glibc asks when
 * started with `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`. It is read once, when the process
 * starts, so `npm start` (scripts/with-huge-pages.sh) sets it before Node runs; a deployment that starts
 * `main.ts` another way sets it in its own environment (docs/configuration.md).
 */
import { readFileSync } from 'node:fs';

/** The tunable that makes glibc's malloc advise huge pages (glibc 2.35 and later). */
export const MALLOC_HUGE_PAGES_TUNABLE = 'glibc.malloc.hugetlb=1';

export type HugePages = 'on' | 'off' | 'kernel-always' | 'unavailable';

/**
 * Whether this process's malloc memory gets huge pages: `on` (the tunable is set and the kernel
 * honours advice), `kernel-always` (the kernel gives them to all memory anyway), `off` (it would
 * if asked), `unavailable` (not Linux with glibc, or THP off in the kernel).
 */
export function hugePagesState(env: NodeJS.ProcessEnv = process.env, thpMode = kernelThpMode()): HugePages {
  if (thpMode === undefined || thpMode === 'never' || !runsOnGlibc()) return 'unavailable';
  if (thpMode === 'always') return 'kernel-always';
  const value = hugetlbValue(env.GLIBC_TUNABLES);
  return value === '1' || value === '2' ? 'on' : 'off';
}

/** `GLIBC_TUNABLES` with the huge-pages tunable first (a setting of the caller's own, later in the list, wins). */
export function withHugePagesTunable(tunables: string | undefined): string {
  if (hugetlbValue(tunables) !== undefined) return tunables!;
  return tunables ? `${MALLOC_HUGE_PAGES_TUNABLE}:${tunables}` : MALLOC_HUGE_PAGES_TUNABLE;
}

/** The value of the last `glibc.malloc.hugetlb` in a GLIBC_TUNABLES list (glibc takes the last). */
function hugetlbValue(tunables: string | undefined): string | undefined {
  let value: string | undefined;
  for (const t of (tunables ?? '').split(':')) {
    const [name, v] = t.split('=');
    if (name.trim() === 'glibc.malloc.hugetlb') value = v?.trim();
  }
  return value;
}

/** The kernel's THP mode (`always`, `madvise`, `never`), or undefined where there is none to read. */
function kernelThpMode(): string | undefined {
  try {
    return /\[(\w+)\]/.exec(readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/** Whether this process runs on Linux with glibc (the C library whose malloc reads the tunable). */
export function runsOnGlibc(): boolean {
  if (process.platform !== 'linux') return false;
  const header = (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header;
  return typeof header?.glibcVersionRuntime === 'string';
}

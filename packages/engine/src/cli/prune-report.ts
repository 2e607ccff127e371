import type { ImagePruneResult, PrunedImageTag } from "../images/prune-images.js";

/** Sizes as `docker images` shows them: decimal units. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.round(bytes / 1e3)} kB`;
}

function tagLine(tag: PrunedImageTag, dryRun: boolean): string {
  const untagOnly = tag.deletesImage ? "" : " (only the name: another tag keeps its image)";
  switch (tag.outcome) {
    case "would-remove":
      return `would remove ${tag.tag}${untagOnly}`;
    case "removed":
      return `removed      ${tag.tag}${untagOnly}`;
    case "in-use":
      return `${dryRun ? "would keep" : "kept      "}   ${tag.tag}: ${tag.reason}`;
    case "failed":
      return `failed       ${tag.tag}: ${tag.reason}`;
  }
}

/** What `warmbox images prune` prints: a line per stale tag, then a summary. */
export function pruneReport(result: ImagePruneResult): string[] {
  const count = (outcome: PrunedImageTag["outcome"]) =>
    result.tags.filter((tag) => tag.outcome === outcome).length;
  const inUse = count("in-use");
  const kept = inUse > 0 ? `; ${inUse} kept: a container uses their image` : "";
  const lines = result.tags.map((tag) => tagLine(tag, result.dryRun));
  if (result.tags.length === 0) {
    lines.push("no stale warmbox images: every warmbox/ tag is one this version builds");
  } else if (result.dryRun) {
    const removable = count("would-remove");
    lines.push(
      `dry run: ${removable} stale tag(s) would be removed, freeing ${formatBytes(result.freedBytes)}${kept}`,
    );
    if (removable > 0) lines.push("run `warmbox images prune --yes` to remove them");
  } else {
    const failed = count("failed");
    lines.push(
      `${count("removed")} stale tag(s) removed, ${formatBytes(result.freedBytes)} freed${kept}${failed > 0 ? `; ${failed} failed` : ""}`,
    );
  }
  return lines;
}

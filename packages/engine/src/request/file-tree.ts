/**
 * The request's file names as a tree of path segments, so that finding a file that another one
 * uses as a directory costs one walk per name, however deep the paths.
 */
export class FileTree {
  readonly #root = new Map<string, FileTreeNode>();

  constructor(names: readonly string[]) {
    for (const name of names) {
      let children = this.#root;
      let node: FileTreeNode | undefined;
      for (const segment of name.split("/")) {
        node = children.get(segment) ?? { isFile: false, children: new Map() };
        children.set(segment, node);
        children = node.children;
      }
      if (node) node.isFile = true;
    }
  }

  /** The first file of the tree that `name`'s path runs through as if it were a directory. */
  fileAbove(name: string): string | undefined {
    const segments = name.split("/");
    let children = this.#root;
    for (let depth = 0; depth < segments.length - 1; depth++) {
      const node = children.get(segments[depth] as string);
      if (!node) return undefined;
      if (node.isFile) return segments.slice(0, depth + 1).join("/");
      children = node.children;
    }
    return undefined;
  }
}

interface FileTreeNode {
  isFile: boolean;
  children: Map<string, FileTreeNode>;
}

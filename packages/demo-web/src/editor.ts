import { indentWithTab } from "@codemirror/commands";
import { HighlightStyle, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { Compartment, EditorState, type Extension } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { tags as t } from "@lezer/highlight";
import { basicSetup } from "codemirror";

/**
 * The editor's colours are CSS variables set by the theme (styles.css), so one editor theme and
 * one highlight style serve every theme and switch with the page.
 */
const editorTheme = EditorView.theme({
  "&": {
    color: "var(--editor-fg)",
    backgroundColor: "var(--editor-bg)",
    height: "100%",
    fontSize: "var(--code-size)",
  },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "var(--font-mono)", lineHeight: "1.6" },
  ".cm-content": { caretColor: "var(--editor-cursor)", padding: "10px 0" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--editor-cursor)", borderLeftWidth: "2px" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection":
    { backgroundColor: "var(--editor-selection)" },
  ".cm-activeLine": { backgroundColor: "var(--editor-active-line)" },
  ".cm-gutters": {
    backgroundColor: "var(--editor-gutter-bg)",
    color: "var(--editor-gutter-fg)",
    border: "none",
    borderRight: "1px solid var(--border-subtle)",
  },
  ".cm-activeLineGutter": {
    backgroundColor: "var(--editor-active-line)",
    color: "var(--editor-fg)",
  },
  ".cm-lineNumbers .cm-gutterElement": { padding: "0 10px 0 14px" },
  "&.cm-focused .cm-matchingBracket": {
    backgroundColor: "var(--editor-bracket)",
    outline: "1px solid var(--editor-bracket-outline)",
  },
  "&.cm-focused .cm-nonmatchingBracket": { backgroundColor: "var(--danger-soft)" },
  ".cm-searchMatch": { backgroundColor: "var(--editor-search)" },
  ".cm-selectionMatch": { backgroundColor: "var(--editor-selection-match)" },
  ".cm-foldPlaceholder": {
    backgroundColor: "var(--surface-2)",
    border: "1px solid var(--border)",
    color: "var(--text-muted)",
  },
  ".cm-tooltip": {
    backgroundColor: "var(--surface-2)",
    color: "var(--text)",
    border: "1px solid var(--border)",
    borderRadius: "6px",
  },
  ".cm-tooltip-autocomplete > ul > li[aria-selected]": {
    backgroundColor: "var(--accent)",
    color: "var(--accent-contrast)",
  },
  ".cm-panels": { backgroundColor: "var(--surface-2)", color: "var(--text)" },
  ".cm-panels.cm-panels-top": { borderBottom: "1px solid var(--border)" },
  ".cm-textfield": {
    backgroundColor: "var(--surface-1)",
    color: "var(--text)",
    border: "1px solid var(--border)",
  },
  ".cm-button": {
    backgroundImage: "none",
    backgroundColor: "var(--surface-3)",
    color: "var(--text)",
    border: "1px solid var(--border)",
  },
});

const highlightStyle = HighlightStyle.define([
  {
    tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword],
    color: "var(--syn-keyword)",
  },
  { tag: [t.definitionKeyword, t.modifier], color: "var(--syn-keyword)" },
  { tag: [t.string, t.special(t.string), t.character, t.docString], color: "var(--syn-string)" },
  { tag: [t.regexp, t.escape], color: "var(--syn-regexp)" },
  { tag: [t.number, t.bool, t.null, t.atom], color: "var(--syn-number)" },
  { tag: [t.constant(t.variableName), t.standard(t.variableName)], color: "var(--syn-constant)" },
  {
    tag: [t.comment, t.lineComment, t.blockComment],
    color: "var(--syn-comment)",
    fontStyle: "italic",
  },
  { tag: t.docComment, color: "var(--syn-comment)", fontStyle: "italic" },
  {
    tag: [
      t.function(t.variableName),
      t.function(t.propertyName),
      t.function(t.definition(t.variableName)),
    ],
    color: "var(--syn-function)",
  },
  { tag: [t.typeName, t.className, t.namespace, t.standard(t.typeName)], color: "var(--syn-type)" },
  {
    tag: [t.definition(t.variableName), t.definition(t.propertyName)],
    color: "var(--syn-definition)",
  },
  { tag: [t.propertyName, t.attributeName], color: "var(--syn-property)" },
  { tag: [t.variableName, t.name], color: "var(--syn-variable)" },
  { tag: [t.self, t.special(t.variableName)], color: "var(--syn-self)", fontStyle: "italic" },
  {
    tag: [t.operator, t.derefOperator, t.arithmeticOperator, t.logicOperator],
    color: "var(--syn-operator)",
  },
  { tag: [t.punctuation, t.bracket, t.separator], color: "var(--syn-punctuation)" },
  { tag: [t.meta, t.processingInstruction, t.annotation], color: "var(--syn-meta)" },
  { tag: [t.tagName, t.angleBracket], color: "var(--syn-keyword)" },
  { tag: t.labelName, color: "var(--syn-function)" },
  { tag: t.heading, color: "var(--syn-keyword)", fontWeight: "bold" },
  { tag: t.strong, fontWeight: "bold" },
  { tag: t.emphasis, fontStyle: "italic" },
  { tag: t.link, color: "var(--syn-string)", textDecoration: "underline" },
  { tag: t.invalid, color: "var(--danger)" },
]);

export interface CodeEditorOptions {
  parent: HTMLElement;
  doc: string;
  dark: boolean;
  /** Called on every change of the text. */
  onChange: (code: string) => void;
}

/** The CodeMirror 6 editor of the page, with its language and colour scheme switchable. */
export class CodeEditor {
  readonly view: EditorView;
  readonly #language = new Compartment();
  readonly #scheme = new Compartment();
  #languageRequest = 0;

  constructor(options: CodeEditorOptions) {
    const extensions: Extension[] = [
      basicSetup,
      keymap.of([indentWithTab]),
      indentUnit.of("    "),
      EditorState.tabSize.of(4),
      editorTheme,
      syntaxHighlighting(highlightStyle),
      this.#scheme.of(EditorView.darkTheme.of(options.dark)),
      this.#language.of([]),
      EditorView.contentAttributes.of({
        "aria-label": "Code editor. Press Escape then Tab to move focus out of the editor.",
        "aria-multiline": "true",
        spellcheck: "false",
        autocapitalize: "off",
        autocorrect: "off",
      }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) options.onChange(update.state.doc.toString());
      }),
    ];
    this.view = new EditorView({
      parent: options.parent,
      state: EditorState.create({ doc: options.doc, extensions }),
    });
  }

  get code(): string {
    return this.view.state.doc.toString();
  }

  /** Replaces the whole text (one undoable change), cursor at the start. */
  setCode(code: string): void {
    this.view.dispatch({
      changes: { from: 0, to: this.view.state.doc.length, insert: code },
      selection: { anchor: 0 },
      scrollIntoView: true,
    });
  }

  /** Switches the highlighting; a slower load that a newer call overtook is dropped. */
  async setLanguage(load: Promise<Extension>): Promise<void> {
    const request = ++this.#languageRequest;
    const extension = await load;
    if (request !== this.#languageRequest) return;
    this.view.dispatch({ effects: this.#language.reconfigure(extension) });
  }

  setDark(dark: boolean): void {
    this.view.dispatch({ effects: this.#scheme.reconfigure(EditorView.darkTheme.of(dark)) });
  }

  focus(): void {
    this.view.focus();
  }
}

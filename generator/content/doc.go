// Package content reads a site's content/ folder — front matter, markdown and
// evidence files — into a [generator.Content], reporting every problem with
// its file and line.
//
// # Layout
//
// The folder is read as follows; paths are relative to the site folder.
//
//	content/_index.md                 district home: title, district, summary
//	content/district/<slug>.md        district narrative
//	content/schools/<id>/_index.md    school profile: name (required), level,
//	                                  grades, enrollment, principal, summary
//	content/schools/<id>/<slug>.md    school narrative
//	content/**/<anything else>        evidence artifact (pdf, png, docx…)
//
// A narrative's front matter takes title (required), date, standards,
// practices, draft and weight. Narratives are sorted by weight, then date
// (older first), then title, then slug; schools by id; artifacts by path.
// A narrative with draft: true is left out unless [generator.Config].Drafts
// is set, but its front matter is still checked, so a broken draft is
// reported like any other page.
//
// School folder names and narrative file names become URLs, so both must be
// lowercase slugs such as lincoln-middle; "district" is reserved for the
// central office. Markdown files anywhere else (content/foo.md,
// content/schools/x/notes/a.md, content/district/_index.md) are reported as
// warnings and ignored. Only ".md" counts as markdown.
//
// Hidden files and folders (".git", ".DS_Store") and the leftovers of
// editors and office programs ("x~", ".x.swp", "#x#", "~$x.docx",
// "Thumbs.db") are skipped everywhere. Artifacts are never opened: only
// their size is read.
//
// # Front matter
//
// A page may start with front matter in YAML (between "---" lines), TOML
// (between "+++" lines) or JSON (an object whose "{" and "}" stand on lines
// of their own, followed by an empty line); "---yaml", "---toml", "---json"
// and ";;;" openings are accepted too, as in adrg/frontmatter. A UTF-8 byte
// order mark and CRLF line endings are accepted. YAML and JSON are decoded strictly with
// positions (package yamldoc): unknown keys are warnings with a did-you-mean
// hint, values of the wrong kind are errors at their line. TOML is decoded,
// then re-encoded as YAML with each top-level key kept on its own line, so
// messages give the right line but only an approximate column.
//
// A block that is opened but never closed is an error, never body text. A
// page whose front matter cannot be parsed at all (unclosed, syntax error,
// unreadable file) is left out of the result; a page whose front matter
// parses but has wrong or missing fields is kept with what could be decoded,
// so that later stages can still check it.
//
// # Markdown
//
// Bodies are rendered by [Markdown]: GitHub-flavoured markdown with
// footnotes, definition lists and typographic quotes. Raw HTML is omitted
// unless [generator.MarkdownConfig].UnsafeHTML is set. Because the page
// template prints the title as the page's only <h1>, body headings move one
// level down ("#" renders as <h2>, "######" stays <h6>). Heading ids are
// derived from the heading text (letters of any script kept, lower-cased)
// and made unique within the page (in time linear in the number of
// headings). A heading may carry an id and classes ("## Goals {#goals
// .wide}"); any other attribute (style, data-*, on…) is dropped with a
// warning, with or without UnsafeHTML, so that no author can restyle the
// page or feed its scripts. Task-list checkboxes carry an aria-label.
//
// Work is bounded before goldmark parses: a markdown file over
// [MaxMarkdownSize] bytes, or whose lists and block quotes nest deeper than
// [MaxNesting] levels, is an error (at the file, or at the line and column
// that goes past the limit) and is not rendered.
// A fenced block whose info string is "chart" is not rendered: it becomes a
// [generator.ChartBlock] and the placeholder <!--folio:chart:N--> that the
// render stage replaces. Only narratives can hold charts.
package content

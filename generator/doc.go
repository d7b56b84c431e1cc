// Package generator holds folio's domain types — the site, its schools,
// narratives, standards and framework — and the diagnostics every stage
// reports with a file position. It does no I/O.
//
// A build runs as stages in subpackages, each importing only the ones before
// it:
//
//	config   → folio.yaml
//	content  → content/ (front matter, markdown, artifacts)
//	evidence → data/ (standards, framework, CSV evidence, privacy suppression)
//	chart    → evidence → chart options, summaries, data tables
//	site     → links pages to evidence and charts, checks references, URLs, navigation
//	render   → theme templates → pages, sitemap, feed
//	optimize → minify, fingerprint
//	publish  → writes files atomically
//	build    → runs the stages in order (Build, Generate, Session); used by
//	           `folio build`, `folio check` and, through serve, `folio serve`
//
// Beside them: yamldoc (strict YAML with positions), linkcheck (broken
// links in a built site), benchsite (synthetic districts), scaffold
// (`folio new`), internal/parallel, and e2e (the browser proof suite).
package generator

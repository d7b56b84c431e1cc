// Package generator holds folio's domain types — the site, its schools,
// narratives, standards and framework — and the diagnostics every stage
// reports with a file position. It does no I/O.
//
// A build runs as stages in subpackages, each importing only the ones before
// it:
//
//	config   → folio.yaml
//	content  → content/ (front matter, markdown, artifacts)
//	evidence → data/ (standards, framework, CSV evidence)
//	site     → links pages to evidence, checks references, URLs, navigation
//	render   → theme templates → files in memory
//	publish  → writes files atomically
//	build    → runs the stages in order; used by `folio build` and `folio serve`
package generator

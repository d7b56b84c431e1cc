// Package generator holds folio's domain types — the site, its schools,
// narratives, standards and framework — and the diagnostics every stage
// reports with a file position. It does no I/O. The values published from
// data/ (package evidence's Measure and Count, and the results that hold
// them) are not here: only package evidence can make one, after
// suppression, so no later stage can publish a number it did not release.
//
// A build runs as stages in subpackages. Each stage imports only the
// stages above it in this list (TestImportsFollowTheStageOrder checks it
// with go list):
//
//	config   → folio.yaml
//	message  → the message catalog: the theme's i18n/en.yaml and the site's
//	           i18n/en.yaml, every sentence pages and charts write
//	content  → content/ (front matter, markdown, artifacts; ```chart blocks
//	           decoded into positioned name: value parameters)
//	evidence → data/ (standards, framework, CSV evidence, privacy
//	           suppression); the published values: Measure and Count, whose
//	           fields only it can set
//	audit    → checks what evidence will publish, independently of its
//	           suppression: it reads the values through their accessors
//	           only, and fails the build if a withheld value can be derived
//	goals    → data/goals.yaml; where each goal stands (met, on track…)
//	changes  → what changed since a date (folio.yaml board.since, --since)
//	gaps     → a school beside the district; gaps between groups over years
//	chart    → the registry of chart kinds; evidence → one grid per chart →
//	           chart options, summaries, data tables, CSV
//	site     → links pages to evidence and charts, checks references (and
//	           which chart kinds and parameters exist), URLs, navigation
//	render   → theme templates → pages, sitemap, feed; it asks for the
//	           published names of static files through its Assets interface
//	optimize → minify, fingerprint (implements render.Assets)
//	publish  → writes files atomically
//	build    → Load runs the stages up to a Model, reusing from the
//	           previous Model what did not change; Render and Publish turn a
//	           Model into files, Model.Lookup one file when asked. Used by
//	           `folio build`, `folio check` and serve
//	serve    → the preview: reloads the Model after each batch of file
//	           events and renders a page when a browser asks for it; of the
//	           stages it imports only build (it reads no configuration)
//
// Beside them, importing no stage: sitefs (the site folder, refusing
// symbolic links), yamldoc (strict YAML with positions, for the loaders
// config, content, evidence and goals only), internal/parallel,
// internal/lp (the linear programs with which evidence and audit each
// bound what adding and subtracting identities gives), linkcheck
// (broken links in a built site), benchsite (synthetic districts), scaffold
// (`folio new`), and e2e (the browser proof suite).
package generator

// Package serve is folio's authoring server: it builds a site in memory,
// serves it over HTTP, watches the site's files, rebuilds when one changes,
// and makes open pages follow along.
//
// Nothing is written to disk. The built files live in a snapshot that a
// rebuild replaces in one atomic step once it is complete, so a browser
// never receives a half-built page, and the published build in public/ is
// never touched. Generated files (pages, chart CSVs) are held in memory;
// files the build copies from the site or the theme (evidence artifacts,
// stylesheets, scripts) are read from their source when requested, so large
// evidence files are never loaded.
//
// Every HTML page served gets a small script (reload.js) just before
// </body>. It listens to Server-Sent Events at /_folio/events:
//
//	hello  {build, problems}  first message of every connection
//	reload {build}            the site changed: reload, keeping the scroll position
//	css    {build}            only stylesheets changed: swap them without a reload
//	error  {build, problems}  the last save broke the site: show the problems
//	ok     {build}            the problems are fixed: hide them and reload
//
// build identifies the snapshot served; a page whose build differs from the
// one in hello (the server restarted, or a change was missed) reloads.
// /_folio/status returns the same {build, problems} as JSON.
//
// When a save makes the site invalid, the server keeps serving the last
// snapshot that built, lists the problems in the terminal exactly as
// `folio check` does, and every open page shows them in an overlay.
//
// The watcher (watcher.go) follows the site's inputs recursively — folio.yaml,
// content/, data/, layouts/, static/, themes/ — adding folders created
// later and dropping removed or renamed ones, and skips hidden names, editor
// temporary files and pure attribute changes. A Batcher turns bursts of
// changes into one rebuild. Rebuilds go through a Rebuilder; Incremental,
// the default, keeps a build.Session and re-renders only the pages an
// edit of existing narratives touches, rebuilding fully otherwise.
package serve

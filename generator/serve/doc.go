// Package serve is folio's authoring server: it builds a site in memory,
// serves it over HTTP, watches the site's files, rebuilds when one changes,
// and makes open pages follow along.
//
// Nothing is written to disk. The server keeps the last build.Model that
// loaded without errors and renders a page when a browser asks for it,
// exactly as `folio build` would render it (the model keeps each rendered
// page until the next reload). After each batch of file events it reloads
// through build.Load, which reuses from the previous model whatever did not
// change, and swaps the new model in in one step once it has loaded, so a
// browser never receives a half-built site and the published build in
// public/ is never touched. No list of which page shows what is kept: a
// page asked for after a reload is rendered from the new model, whatever
// template or file the change was in. Files the build copies from the site
// or the theme (evidence artifacts, stylesheets, scripts) are read from
// their source when requested, so large evidence files are never loaded.
//
// folio.yaml is reloaded like any other file, and the preview always
// serves at its own root: a base_url's path is left out of its links
// (build.Options.AtRoot).
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
// build identifies the model served; a page whose build differs from the
// one in hello (the server restarted, or a change was missed) reloads.
// /_folio/status returns the same {build, problems} as JSON. Every
// message also counts errors and warnings; after a load that succeeded,
// problems is empty (no panel) and warnings counts the warnings the
// terminal printed.
//
// When a save makes the site invalid, the server keeps serving the last
// model that loaded, lists the problems in the terminal exactly as
// `folio check` does, and every open page shows them in an overlay.
//
// The watcher (watcher.go) follows the site's inputs recursively — folio.yaml,
// content/, data/, layouts/, static/, themes/ — adding folders created
// later and dropping removed or renamed ones, and skips hidden names, editor
// temporary files and pure attribute changes. A Batcher turns bursts of
// changes into one reload. A panic while loading or rendering is
// recovered into an error at the file being processed (asking for a bug
// report): the server keeps running, shows it in the overlay, and reloads
// on the next save. A layout that fails while a page renders is shown on
// that page, which reloads once the layout is fixed.
package serve

// Package render turns the assembled site into files in memory by running
// the theme's html/template layouts, one per page kind.
//
// A theme is a folder with layouts/ and static/. Files are looked up in
// layers, the first found wins, so a site can override any single template
// or static file:
//
//	layouts/, static/                 the site's own overrides
//	themes/<theme>/layouts/, static/  the theme named in folio.yaml
//	(built in)                        the default theme, when theme is "default"
//
// layouts/base.html defines "base", the frame of every page, which calls
// the "main" template; each page kind has a layout of its own name
// (school.html, narrative.html…) that defines "main". Every other layout
// (partials/*.html) is shared by all kinds.
package render

// Package site assembles the content and evidence of a build into the site
// model that templates render: every page with its URL, breadcrumbs and
// neighbours, the standards index with the narratives citing each code, and
// the framework with the narratives citing each practice. It is also where
// references between files are checked: a narrative citing an unknown
// standard or practice is reported at the line that cites it.
//
// URLs are site-absolute paths ("/schools/lincoln-middle/") and part of the
// public contract:
//
//	/                                  district home
//	/district/                         district narratives
//	/district/<file name>/             a district narrative
//	/schools/                          every school
//	/schools/<id>/                     a school's portfolio
//	/schools/<id>/<file name>/         a school narrative
//	/standards/                        standards index
//	/standards/<catalog id>-<code>/    one standard, e.g. /standards/issl-1a/
//	/framework/                        the leadership framework
package site

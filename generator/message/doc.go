// Package message is folio's message catalog: every sentence folio writes
// on a page — chart titles, summaries, axis and legend names, table
// captions, section titles, page descriptions — is looked up here by id,
// so that a district can reword any of them without changing folio, and a
// second language can be added as a second file.
//
// A catalog file is YAML, one message per key:
//
//	# a plain message; {name} is a placeholder filled in by folio
//	chart.trust.title: "Trust by facet — {group}, {years}"
//	# a message whose words depend on a number: one form per plural
//	# category; the argument named n chooses the form
//	fewer.students:
//	  one: "fewer than {n} student"
//	  other: "fewer than {n} students"
//
// Placeholders are {name} with name made of lowercase letters, digits,
// "_" and "."; any other brace is text. The forms are "one" (n is 1),
// "zero" (n is 0; optional, "other" is used without it) and "other"
// (required).
//
// The catalog is layered. The default theme's i18n/<language>.yaml (built
// into folio, i18n/en.yaml when there is no file for the language) defines
// every id and the placeholders each may use. A theme's own
// i18n/<language>.yaml, then the site's i18n/<language>.yaml, override
// messages by id. An override may use only the placeholders of the message
// it replaces (an error at its line otherwise), may turn a plain message
// into plural forms or back, and naming an id the default catalog does not
// have is a warning with a did-you-mean hint.
package message

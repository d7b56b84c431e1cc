package content

import (
	"path"
	"regexp"
)

// slugRE is the form of school ids and narrative slugs: they become URLs.
var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func isSlug(s string) bool { return slugRE.MatchString(s) }

// isMarkdown reports whether a file is a page. Only ".md" counts.
func isMarkdown(name string) bool { return path.Ext(name) == ".md" }

package serve

import (
	_ "embed"
	"encoding/json"
	"strings"
)

// reloadJS is the live-reload script; buildPlaceholder in it is replaced by
// the build id of the page, as a JavaScript string.
//
//go:embed reload.js
var reloadJS string

const buildPlaceholder = "FOLIO_BUILD"

// EventsPath and StatusPath are where the injected script listens and
// where the current state can be read. The /_folio/ prefix is reserved:
// no site file is served under it.
const (
	EventsPath = "/_folio/events"
	StatusPath = "/_folio/status"
)

// scriptTag returns the <script> element injected into pages of a build.
func scriptTag(build string) []byte {
	id, _ := json.Marshal(build) // a string always marshals
	js := strings.Replace(reloadJS, buildPlaceholder, string(id), 1)
	return []byte("<script data-folio-serve>\n" + js + "</script>\n")
}

// inject returns page with tag inserted just before its last </body> (in
// any letter case), or at its end when it has none. page is not modified.
func inject(page, tag []byte) []byte {
	i := lastIndexFold(page, "</body>")
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// lastIndexFold is bytes.LastIndex ignoring ASCII case; sub must be lower
// case. It searches from the end, where </body> is.
func lastIndexFold(s []byte, sub string) int {
	for i := len(s) - len(sub); i >= 0; i-- {
		match := true
		for j := 0; j < len(sub); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}

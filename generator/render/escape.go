package render

import (
	"fmt"
	"strings"
)

// These escape the way html/template does where a layout writes a value,
// for the parts of the default theme written in Go (IndicatorTable,
// ChartData), so
// that moving a loop out of a layout changes no byte of a page. A test
// holds each to html/template's own output for hostile strings.

// templateHTMLEscaper is html/template's escaping of text and of quoted
// attribute values: its table, "+" included.
var templateHTMLEscaper = strings.NewReplacer(
	"\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// escapeText is {{.}} in HTML text or in a quoted attribute value.
func escapeText(s string) string { return templateHTMLEscaper.Replace(s) }

// escapeURLAttr is {{.}} as the whole value of an href: a URL whose scheme
// is not http, https or mailto becomes "#ZgotmplZ", the URL is
// normalized (bytes outside URLs percent-encoded) and then escaped as an
// attribute.
func escapeURLAttr(s string) string {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		return "#ZgotmplZ"
	}
	return escapeText(normalizeURL(s))
}

// normalizeURL percent-encodes the bytes of s that a URL cannot hold, and
// leaves valid %-escapes, as html/template's URL normalizer does.
func normalizeURL(s string) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0,
			'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		fmt.Fprintf(&b, "%%%02x", c)
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

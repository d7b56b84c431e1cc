package generator

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxQuoted is how many characters of an author's value a message quotes;
// a longer value is cut there and ends with "…".
const MaxQuoted = 60

// maxText bounds a whole message or hint, whatever it quotes, so that no
// path from an input to the terminal can echo a 20 MB cell.
const maxText = 500

// Quote returns an author's value as a message shows it: between single
// quotes, cut to MaxQuoted characters (with "…"), and Printable.
func Quote(v string) string {
	return "'" + Printable(Cut(v, MaxQuoted)) + "'"
}

// Cut returns s if it has at most n characters, and otherwise its first n
// characters followed by "…".
func Cut(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "…"
		}
		i++
	}
	return s
}

// Printable returns s with every character that could act on a terminal
// or a CI log written as an escape instead, so that text from the site's
// files cannot erase a line, move the cursor, change colours, or start a
// new line (and with it a GitHub Actions "::" workflow command):
//
//   - \a \b \t \n \v \f \r as those two-character escapes;
//   - the other ASCII control characters and DEL as \x1b, \x7f;
//   - the C1 controls U+0080–U+009F (U+009B begins an escape sequence in
//     some terminals), the line and paragraph separators U+2028 and U+2029,
//     and the bidirectional controls (U+061C, U+200E, U+200F,
//     U+202A–U+202E, U+2066–U+2069), which reorder what is displayed, as
//     \u009b, \u2028, \u202e;
//   - characters that look like a space or a hyphen, or like nothing at
//     all: the no-break spaces U+00A0, U+2007 and U+202F, the soft hyphen
//     U+00AD, the non-breaking hyphen U+2011, the zero-width U+200B–U+200D
//     and U+2060, and the byte-order mark U+FEFF, as \u00a0: a value
//     with one would otherwise be printed as the very id it fails to
//     match ("unknown school 'Lincoln Elementary School'");
//   - a byte that is not UTF-8 as \xff.
//
// A backslash is left as it is (Windows paths stay readable), so
// Printable(Printable(s)) == Printable(s).
func Printable(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && escapeASCII(r) != "":
			b.WriteString(escapeASCII(r))
		case r >= 0x80 && unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || (r < 0x80 && escapeASCII(r) != "") || (r >= 0x80 && unsafeRune(r)) {
			return true
		}
		i += size
	}
	return false
}

// escapeASCII is the escape of an ASCII control character, or "".
func escapeASCII(r rune) string {
	switch r {
	case '\a':
		return `\a`
	case '\b':
		return `\b`
	case '\t':
		return `\t`
	case '\n':
		return `\n`
	case '\v':
		return `\v`
	case '\f':
		return `\f`
	case '\r':
		return `\r`
	}
	if r < 0x20 || r == 0x7f {
		return fmt.Sprintf(`\x%02x`, r)
	}
	return ""
}

// unsafeRune reports whether a non-ASCII character is one Printable
// escapes.
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f,
		r == 0x061c, r == 0x200e, r == 0x200f,
		r >= 0x2028 && r <= 0x202e,
		r >= 0x2066 && r <= 0x2069,
		r == 0x00a0, r == 0x00ad, r == 0x2007, r == 0x202f, r == 0x2011,
		r >= 0x200b && r <= 0x200d, r == 0x2060, r == 0xfeff:
		return true
	}
	return false
}

// cutQuoted cuts, to MaxQuoted characters, every argument that format
// quotes: one printed by %q, or by %s or %v between single quotes ('%s').
// Those are the author's values a message repeats. A format using
// explicit argument indexes or * widths is left alone (maxText still
// bounds the message).
func cutQuoted(format string, args []any) []any {
	var out []any
	arg := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		start := i
		i++
		for i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0 {
			i++
		}
		if i >= len(format) {
			break
		}
		verb := format[i]
		switch verb {
		case '%':
			continue
		case '[', '*':
			return args
		}
		quoted := verb == 'q' ||
			((verb == 's' || verb == 'v') && start > 0 && format[start-1] == '\'' && i+1 < len(format) && format[i+1] == '\'')
		if quoted && arg < len(args) {
			if s, ok := asText(args[arg]); ok {
				if out == nil {
					out = append([]any(nil), args...)
				}
				out[arg] = Cut(s, MaxQuoted)
			}
		}
		arg++
	}
	if out == nil {
		return args
	}
	return out
}

// asText is the text an argument prints as, for the kinds of argument
// that carry an author's words.
func asText(a any) (string, bool) {
	switch v := a.(type) {
	case string:
		return v, true
	case []byte:
		return string(v), true
	case error:
		return v.Error(), true
	case fmt.Stringer:
		return v.String(), true
	}
	return "", false
}

// safeText is how a message or a hint is stored and printed: Printable
// and at most maxText characters.
func safeText(s string) string {
	return Printable(Cut(s, maxText))
}

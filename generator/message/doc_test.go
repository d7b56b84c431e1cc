package message_test

import (
	"flag"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"
)

var update = flag.Bool("update", false, "rewrite themes/default/i18n/README.md")

const (
	catalogFile = "../../themes/default/i18n/en.yaml"
	listFile    = "../../themes/default/i18n/README.md"
)

// TestMessageListIsCurrent keeps the list of message ids in the theme
// (linked from the README) in step with en.yaml: run with -update after
// adding or rewording a message.
func TestMessageListIsCurrent(t *testing.T) {
	src, err := os.ReadFile(catalogFile)
	if err != nil {
		t.Fatal(err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		t.Fatal(err)
	}
	placeholder := regexp.MustCompile(`\{[a-z0-9_.]+\}`)
	var b strings.Builder
	b.WriteString("# Messages of the default theme\n\n")
	b.WriteString("Every sentence folio writes, by id, as `en.yaml` in this folder defines it.\n")
	b.WriteString("A site rewords a message by giving its id in its own `i18n/en.yaml`; see\n")
	b.WriteString("\"Wording\" in the [README](../../../README.md#wording-i18nenyaml). This list is\n")
	b.WriteString("generated from `en.yaml` by `go test ./generator/message -update`.\n")
	doc := root.Content[0]
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if c := strings.TrimSpace(k.HeadComment); c != "" && i > 0 {
			lines := strings.Split(c, "\n")
			head := strings.TrimSpace(strings.TrimPrefix(lines[len(lines)-1], "#"))
			if len(lines) > 1 {
				var parts []string
				for _, l := range lines {
					parts = append(parts, strings.TrimSpace(strings.TrimPrefix(l, "#")))
				}
				head = strings.Join(parts, " ")
			}
			b.WriteString("\n## " + head + "\n\n| id | placeholders | English |\n|---|---|---|\n")
		} else if i == 0 {
			b.WriteString("\n## How charts name the district's own rows\n\n| id | placeholders | English |\n|---|---|---|\n")
		}
		var text []string
		if v.Kind == yaml.ScalarNode {
			text = append(text, v.Value)
		} else {
			for j := 0; j+1 < len(v.Content); j += 2 {
				text = append(text, v.Content[j].Value+": "+v.Content[j+1].Value)
			}
		}
		all := strings.Join(text, " / ")
		names := placeholder.FindAllString(all, -1)
		slices.Sort(names)
		names = slices.Compact(names)
		cell := func(s string) string { return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s) }
		b.WriteString("| `" + k.Value + "` | " + cell(strings.Join(names, " ")) + " | " + cell(all) + " |\n")
	}
	if *update {
		if err := os.WriteFile(listFile, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(listFile)
	if err != nil {
		t.Fatalf("%v (run go test ./generator/message -update)", err)
	}
	if string(want) != b.String() {
		t.Errorf("%s is out of date; run go test ./generator/message -update", listFile)
	}
}

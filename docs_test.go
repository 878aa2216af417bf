package shebao_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// docRef matches a reference to a Markdown document, with an optional
// anchor, such as docs/RULES.md#retirement or README.md.
var docRef = regexp.MustCompile(`/?(?:[\w.-]+/)*[\w-]+\.md(?:#[\w-]+)?`)

// localAnchor matches a Markdown link to a section of the same document.
var localAnchor = regexp.MustCompile(`\]\(#([\w-]+)\)`)

// TestDocReferences holds every reference to a document in the code and the
// docs to a document that exists in the repository, and every #anchor to a
// heading of it, so that a dangling reference fails CI. A path with a slash
// is relative to the repository's root (docs/RULES.md); a bare name is
// relative to the citing document's folder in Markdown and to the root
// elsewhere, so a Go comment must cite docs/RULES.md, not the bare name.
func TestDocReferences(t *testing.T) {
	headings := map[string]map[string]bool{} // document → its anchors
	anchors := func(doc string) (map[string]bool, bool) {
		if a, ok := headings[doc]; ok {
			return a, a != nil
		}
		b, err := os.ReadFile(doc)
		if err != nil {
			headings[doc] = nil
			return nil, false
		}
		headings[doc] = slugs(string(b))
		return headings[doc], true
	}
	refs := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(name) {
		case ".go", ".md", ".yaml", ".yml", ".html", ".tmpl":
		default:
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		text := string(b)
		for _, loc := range docRef.FindAllStringIndex(text, -1) {
			ref := text[loc[0]:loc[1]]
			if inURL(text, loc[0]) {
				continue
			}
			refs++
			doc, anchor, _ := strings.Cut(ref, "#")
			switch {
			case strings.HasPrefix(doc, "/"):
				t.Errorf("%s:%d: %s is outside the repository", path, line(text, loc[0]), ref)
				continue
			case !strings.Contains(doc, "/") && filepath.Ext(name) == ".md":
				doc = filepath.Join(filepath.Dir(path), doc)
			}
			a, ok := anchors(filepath.Clean(doc))
			switch {
			case !ok:
				t.Errorf("%s:%d: %s does not exist", path, line(text, loc[0]), ref)
			case anchor != "" && !a[anchor]:
				t.Errorf("%s:%d: %s has no section #%s", path, line(text, loc[0]), doc, anchor)
			}
		}
		if filepath.Ext(name) == ".md" {
			own, _ := anchors(path)
			for _, m := range localAnchor.FindAllStringSubmatchIndex(text, -1) {
				if a := text[m[2]:m[3]]; !own[a] {
					t.Errorf("%s:%d: no section #%s", path, line(text, m[0]), a)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if refs == 0 {
		t.Fatal("found no document references: is the test running at the repository's root?")
	}
}

// inURL reports whether the match at i is part of a URL (https://…/x.md).
func inURL(text string, i int) bool {
	start := strings.LastIndexAny(text[:i], " \t\n(<\"'`[") + 1
	return strings.Contains(text[start:i+1], "://")
}

func line(text string, i int) int { return strings.Count(text[:i], "\n") + 1 }

// slugs returns the anchors of a Markdown document's headings, as GitHub
// makes them: lower case, punctuation dropped, spaces to hyphens, a repeated
// heading numbered -1, -2, ….
func slugs(md string) map[string]bool {
	out := map[string]bool{}
	fenced := false
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "```") {
			fenced = !fenced
		}
		if fenced || !strings.HasPrefix(l, "#") {
			continue
		}
		h := strings.TrimSpace(strings.TrimLeft(l, "#"))
		var b strings.Builder
		for _, r := range strings.ToLower(h) {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
				b.WriteRune(r)
			case r == ' ':
				b.WriteRune('-')
			}
		}
		s := b.String()
		for n, base := 1, s; out[s]; n++ {
			s = base + "-" + strconv.Itoa(n)
		}
		out[s] = true
	}
	return out
}

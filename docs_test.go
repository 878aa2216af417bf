package shebao_test

import (
	"go/ast"
	"go/parser"
	"go/token"
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

// codeRef matches a name of the code cited in docs/RULES.md, such as
// `rules.ParseIDNumber`, `handling.Service.Submit` or `shebao.Unit.RiskClass`.
var codeRef = regexp.MustCompile("`([a-z]+)((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)`")

// TestRulesOwnersExist holds docs/RULES.md's "where it lives in the code" to
// the code: every package-qualified name it cites is declared in that
// package (a function, type, variable or constant; Type.Method or
// Type.Field; a bare method name matches a method of any type).
func TestRulesOwnersExist(t *testing.T) {
	b, err := os.ReadFile("docs/RULES.md")
	if err != nil {
		t.Fatal(err)
	}
	decls := map[string]map[string]bool{}
	checked := 0
	for _, m := range codeRef.FindAllStringSubmatch(string(b), -1) {
		pkg, name := m[1], strings.TrimPrefix(m[2], ".")
		dir := pkg
		if pkg == "shebao" {
			dir = "."
		}
		if _, ok := decls[dir]; !ok {
			decls[dir] = declared(t, dir)
		}
		if decls[dir] == nil {
			continue // not a package of ours (a JSON key such as rates.injury)
		}
		checked++
		if !decls[dir][name] {
			t.Errorf("docs/RULES.md cites %s.%s, which package %s does not declare", pkg, name, pkg)
		}
	}
	if checked == 0 {
		t.Fatal("docs/RULES.md cites no names of the code")
	}
}

// declared returns the names declared in the non-test Go files of dir:
// top-level names, every method name, Type.Method and Type.Field. It returns
// nil when dir holds no Go package.
func declared(t *testing.T, dir string) map[string]bool {
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	names := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				names[d.Name.Name] = true
				if d.Recv != nil && len(d.Recv.List) == 1 {
					names[recvName(d.Recv.List[0].Type)+"."+d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						names[s.Name.Name] = true
						if st, ok := s.Type.(*ast.StructType); ok {
							for _, fl := range st.Fields.List {
								for _, n := range fl.Names {
									names[s.Name.Name+"."+n.Name] = true
								}
							}
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							names[n.Name] = true
						}
					}
				}
			}
		}
	}
	if len(names) == 0 {
		return nil
	}
	return names
}

// recvName returns the type name of a method's receiver.
func recvName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return recvName(e.X)
	case *ast.IndexExpr:
		return recvName(e.X)
	case *ast.Ident:
		return e.Name
	}
	return ""
}

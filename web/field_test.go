package web

import (
	"testing"
	"text/template/parse"

	"github.com/google/go-cmp/cmp"

	"shebao/i18n"
)

func TestField(t *testing.T) {
	form := formState{Errors: map[string]string{"wage": "too high"}}
	tests := []struct {
		name  string
		form  fieldErrors
		field string
		value string
		opts  []string
		want  fieldView
	}{
		{"plain", form, "wage", "8000", nil,
			fieldView{ID: "wage", Name: "wage", Label: "l", Value: "8000", MaxLength: 64, Err: "too high"}},
		{"nil form", nil, "wage", "", []string{"autocomplete=off", "hint=h", "autofocus"},
			fieldView{ID: "wage", Name: "wage", Label: "l", MaxLength: 64, Autocomplete: "off", Hint: "h", Autofocus: true}},
		{"options", form, "pw", "", []string{"type=password", "autocomplete=new-password", "required", "id=pw2"},
			fieldView{ID: "pw2", Name: "pw", Label: "l", MaxLength: 64, Type: "password", Autocomplete: "new-password", Required: true}},
		{"textarea", form, "why", "x", []string{"rows=3", "placeholder=2025-01", "inputmode=numeric", "class=code"},
			fieldView{ID: "why", Name: "why", Label: "l", Value: "x", MaxLength: 64, Rows: 3, Placeholder: "2025-01", InputMode: "numeric", Class: "code"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := newField(tt.form, tt.field, "l", tt.value, 64, tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("field (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFieldRefuses(t *testing.T) {
	tests := []struct {
		name, value string
		max         int
		opts        []string
	}{
		{"unknown option", "", 64, []string{"hnit=x"}},
		{"option twice", "", 64, []string{"hint=a", "hint=b"}},
		{"flag with a value", "", 64, []string{"autofocus=1"}},
		{"option without a value", "", 64, []string{"placeholder"}},
		{"empty value", "", 64, []string{"autocomplete="}},
		{"not a plain input", "", 64, []string{"type=checkbox"}},
		{"bad inputmode", "", 64, []string{"inputmode=digits"}},
		{"bad rows", "", 64, []string{"rows=three"}},
		{"textarea with a type", "", 64, []string{"rows=3", "type=text"}},
		{"password shown again", "secret", 64, []string{"type=password"}},
		{"no maxlength", "", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := newField(nil, "f", "l", tt.value, tt.max, tt.opts...); err == nil {
				t.Errorf("field accepted %q", tt.opts)
			}
		})
	}
}

// TestFieldCalls checks every call of the template function field without
// rendering the pages: literal arguments, options that newField accepts, and
// label and hint keys that the catalogue has in every language.
func TestFieldCalls(t *testing.T) {
	as, err := loadAssets()
	if err != nil {
		t.Fatal(err)
	}
	vs, err := parseViews(as)
	if err != nil {
		t.Fatal(err)
	}
	calls := map[string]bool{} // by position, as each page holds the layout again
	for _, page := range vs.pages[i18n.Default] {
		for _, tmpl := range page.Templates() {
			if tmpl.Tree == nil {
				continue
			}
			for _, c := range fieldCalls(tmpl.Tree.Root) {
				pos, _ := tmpl.Tree.ErrorContext(c)
				if !calls[pos] {
					calls[pos] = true
					checkFieldCall(t, pos, c)
				}
			}
		}
	}
	if len(calls) < 40 {
		t.Errorf("found only %d calls of field: the scan is broken", len(calls))
	}
}

// checkFieldCall checks one call: field FORM "name" "label" VALUE max "opt"….
func checkFieldCall(t *testing.T, pos string, c *parse.CommandNode) {
	t.Helper()
	if len(c.Args) < 6 {
		t.Errorf("%s: field wants a form, name, label, value and maxlength", pos)
		return
	}
	lit := func(i int) string {
		s, ok := c.Args[i].(*parse.StringNode)
		if !ok {
			t.Errorf("%s: argument %d of field is not a string literal", pos, i)
			return ""
		}
		return s.Text
	}
	name, label := lit(2), lit(3)
	max, ok := c.Args[5].(*parse.NumberNode)
	if !ok || !max.IsInt {
		t.Errorf("%s: the maxlength of field %q is not a number", pos, name)
		return
	}
	var opts []string
	for i := range c.Args[6:] {
		opts = append(opts, lit(6+i))
	}
	f, err := newField(nil, name, label, "", int(max.Int64), opts...)
	if err != nil {
		t.Errorf("%s: %v", pos, err)
	}
	for _, key := range []string{f.Label, f.Hint} {
		for _, lang := range i18n.Langs {
			if got := i18n.T(lang, key); key != "" && (got == "" || got == key) {
				t.Errorf("%s: key %q has no %s message", pos, key, lang)
			}
		}
	}
}

// fieldCalls returns the commands below n that call the function field.
func fieldCalls(n parse.Node) []*parse.CommandNode {
	var out []*parse.CommandNode
	var walk func(parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.TemplateNode:
			walk(n.Pipe)
		case *parse.IfNode:
			walk(&n.BranchNode)
		case *parse.RangeNode:
			walk(&n.BranchNode)
		case *parse.WithNode:
			walk(&n.BranchNode)
		case *parse.BranchNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.PipeNode:
			if n != nil {
				for _, c := range n.Cmds {
					walk(c)
				}
			}
		case *parse.CommandNode:
			if id, ok := n.Args[0].(*parse.IdentifierNode); ok && id.Ident == "field" {
				out = append(out, n)
			}
			for _, a := range n.Args {
				walk(a)
			}
		}
	}
	walk(n)
	return out
}

package web

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"shebao"
	"shebao/i18n"
	"shebao/rules"
)

// templateKeys finds the catalogue keys the templates use literally.
var templateKeys = regexp.MustCompile(`\bt "([^"]+)"`)

// goKeys finds string literals in the Go files that look like catalogue keys.
var goKeys = regexp.MustCompile(`"((?:app|layout|error|kiosk|login|password|home|counter|bring|item|items|pager|roster|reason|field)\.[A-Za-z0-9_.]*[A-Za-z0-9_])"`)

// usedKeys returns every key the pages can show: literal keys of the
// templates and the Go files, and the labels of every enumerated value.
func usedKeys(t *testing.T) map[string]bool {
	keys := map[string]bool{}
	err := fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := templateFS.ReadFile(p)
		for _, m := range templateKeys.FindAllStringSubmatch(string(b), -1) {
			keys[m[1]] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("*.go")
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range goKeys.FindAllStringSubmatch(string(b), -1) {
			keys[m[1]] = true
		}
	}
	for _, it := range selfItems {
		keys[it.Key], keys[it.Key+".desc"] = true, true
	}
	for _, it := range counterItems {
		keys[it.Key], keys[it.Key+".desc"] = true, true
		for _, b := range it.Bring {
			keys[b] = true
		}
	}
	enum := func(prefix string, vals ...any) {
		for _, v := range vals {
			keys[prefix+fmt.Sprint(v)] = true
		}
	}
	for _, ty := range shebao.ItemTypes {
		enum("", "type."+ty, "item.new."+ty, "item.new."+ty+".intro")
	}
	for _, s := range itemStatuses {
		enum("status.", s)
	}
	for _, c := range shebao.Channels {
		enum("channel.", c)
	}
	for _, s := range shebao.StopReasons {
		enum("stop.", s)
	}
	enum("role.", shebao.RoleOperator, shebao.RoleClerk, shebao.RoleReviewer, shebao.RoleAdmin)
	enum("clamp.", rules.ClampNone, rules.ClampFloor, rules.ClampCeiling)
	enum("sex.", shebao.Male, shebao.Female)
	return keys
}

func TestTemplateKeysExist(t *testing.T) {
	keys := usedKeys(t)
	if len(keys) < 100 {
		t.Fatalf("found only %d keys: the scan is broken", len(keys))
	}
	for k := range keys {
		if !i18n.Has(k) {
			t.Errorf("key %q is used by the pages but not in the catalogue", k)
			continue
		}
		for _, lang := range i18n.Langs {
			if got := i18n.T(lang, k); got == "" || got == k {
				t.Errorf("key %q has no %s message", k, lang)
			}
		}
	}
}

// TestPagesInBothLanguages renders every template in both languages and
// checks that no key shows through untranslated.
func TestKeysNeverShowThrough(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		for _, lang := range []string{"zh", "en"} {
			b := f.browser()
			b.get("/lang?to=" + lang + "&next=/login")
			b.login("hr_a")
			id := b.submit("enroll", f.person["none"].IDNumber, "8000")
			paths := []string{"/", "/items", "/items/" + id, "/roster", "/password",
				"/items/new?type=enroll", "/items/new?type=stop", "/items/new?type=bogus"}
			for _, path := range paths {
				text := b.get(path).doc.Find("body").Text()
				if m := regexp.MustCompile(`\b(?:home|item|items|roster|layout|status|type|stop|role|channel|reason|field|pager|error)\.[a-z_.]+\b`).FindString(text); m != "" {
					t.Errorf("%s %s shows the key %q", lang, path, m)
				}
			}
		}
	})
}

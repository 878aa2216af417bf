package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// offSite reports whether a browser on site would leave it when sent to loc.
func offSite(loc string) bool {
	base, _ := url.Parse("https://site.example/a/b")
	// Browsers drop tabs and line breaks and read a backslash as a slash.
	loc = strings.NewReplacer("\t", "", "\n", "", "\r", "", "\\", "/").Replace(loc)
	u, err := base.Parse(strings.TrimLeft(loc, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
	return err != nil || u.Host != "site.example" || u.Scheme != "https"
}

func TestLocalPathAsBrowsersRead(t *testing.T) {
	for _, next := range []string{"/\t/evil.example", "/\r\n/evil.example", "\t//evil.example", " //evil.example",
		"\\\\evil.example", "/\\evil.example", "\\/evil.example", "/\x00/evil.example", "http:/\\evil.example",
		"/\t\\evil.example", "https:evil.example"} {
		if got := localPath(next); got != "/" {
			t.Errorf("localPath(%q) = %q", next, got)
		}
	}
	for next, want := range map[string]string{"/items": "/items", "/items?page=2&q=张三": "/items?page=2&q=张三", "/it\tems": "/items"} {
		if got := localPath(next); got != want {
			t.Errorf("localPath(%q) = %q, want %q", next, got, want)
		}
	}
}

func TestLanguageSwitchWithTabStaysOnSite(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := hc.Get(f.srv.URL + "/lang?to=en&next=/%09/evil.example")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); loc != "/" {
			t.Errorf("Location = %q", loc)
		}
	})
}

func FuzzLocalPath(f *testing.F) {
	for _, s := range []string{"/items", "//evil", "/\t/evil", "\\\\evil", "/\\evil", "http://evil", "/a?b=c#d", " /x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, next string) {
		got := localPath(next)
		if got != "/" && offSite(got) {
			t.Errorf("localPath(%q) = %q leaves the site", next, got)
		}
		for _, r := range got {
			if r < ' ' || r == 0x7f {
				t.Errorf("localPath(%q) = %q holds a control character", next, got)
			}
		}
	})
}

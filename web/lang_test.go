package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestLanguageSwitch(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		b := f.browser()
		p := b.get("/login")
		if lang, _ := p.doc.Find("html").Attr("lang"); lang != "zh-CN" {
			t.Errorf("default lang = %q", lang)
		}
		if got := p.text("h1"); got != "登录" {
			t.Errorf("zh title = %q", got)
		}
		href, _ := p.doc.Find("#lang-switch").Attr("href")
		p = b.get(href)
		if p.url.Path != "/login" {
			t.Errorf("switch returned to %s", p.url)
		}
		if lang, _ := p.doc.Find("html").Attr("lang"); lang != "en" || p.text("h1") != "Log in" {
			t.Errorf("after the switch: lang %q, h1 %q", lang, p.text("h1"))
		}
		// Messages of reasons follow the language too.
		p = b.post("/login", url.Values{"username": {"hr_a"}, "password": {"wrong1234"}})
		if got := p.text("#form-error"); !strings.Contains(got, "Wrong username or password") {
			t.Errorf("en login failure = %q", got)
		}
		b.login("hr_a")
		p = b.post("/items/new", itemForm("enroll", f.person["none"].IDNumber, "8000", "preview"))
		if got := p.text("#refusal"); !strings.Contains(got, "No employment registration") {
			t.Errorf("en refusal = %q", got)
		}
		p = b.get("/lang?to=zh&next=/items")
		if p.url.Path != "/items" || p.text("h1") != "我的业务" {
			t.Errorf("back to zh: %s %q", p.url, p.text("h1"))
		}
	})
}

func TestLanguageSwitchIsNoOpenRedirect(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		for _, next := range []string{"https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"} {
			if got := localPath(next); got != "/" {
				t.Errorf("localPath(%q) = %q", next, got)
			}
		}
		hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := hc.Get(f.srv.URL + "/lang?to=en&next=" + url.QueryEscape("//evil.example/"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); loc != "/" {
			t.Errorf("Location = %q", loc)
		}
	})
}

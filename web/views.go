package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"shebao"
	"shebao/i18n"
)

//go:embed templates
var templateFS embed.FS

// views holds every page's template, parsed at start-up once per language
// so that the template function t needs no language argument.
type views struct {
	pages map[i18n.Lang]map[string]*template.Template
}

// view is what every page's template gets: the page's own data in Data and
// what the layout needs around it.
type view struct {
	Lang     i18n.Lang
	Other    i18n.Lang // the language the switch link offers
	Title    string    // catalogue key of the page title
	User     *user     // nil when nobody is logged in
	CSRF     string
	Next     string // this page's URL, for the language switch
	Today    shebao.Date
	IdleSecs int // on kiosk pages: seconds until the idle logout
	Refresh  int // seconds after which a progress page reloads itself; 0: never
	Terminal string
	Data     any
}

// parseViews parses the layout with each page, for each language.
func parseViews(as *assets) (*views, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	vs := &views{pages: map[i18n.Lang]map[string]*template.Template{}}
	for _, lang := range i18n.Langs {
		base, err := template.New("layout").Funcs(funcs(lang, as)).ParseFS(templateFS, "templates/layout/*.html")
		if err != nil {
			return nil, fmt.Errorf("web: parse layout: %w", err)
		}
		vs.pages[lang] = map[string]*template.Template{}
		for _, n := range names {
			t, err := template.Must(base.Clone()).ParseFS(templateFS, n)
			if err != nil {
				return nil, fmt.Errorf("web: parse %s: %w", n, err)
			}
			vs.pages[lang][strings.TrimSuffix(path.Base(n), ".html")] = t
		}
	}
	return vs, nil
}

// funcs returns the template functions bound to one language.
func funcs(lang i18n.Lang, as *assets) template.FuncMap {
	return template.FuncMap{
		// t looks a message up in the catalogue.
		"t": func(key string, args ...any) string { return i18n.T(lang, key, strs(args)...) },
		// tk looks up the label of an enumerated value: tk "status." .Status.
		"tk": func(prefix string, v any) string { return i18n.T(lang, prefix+fmt.Sprint(v)) },
		// reason is the message of a reason code with its arguments.
		"reason": func(code string, args []string) string { return i18n.T(lang, "reason."+code, args...) },
		// errmsg is the user-facing message of an error.
		"errmsg": func(err error) string { return i18n.Error(lang, err) },
		"mask":   shebao.MaskIDNumber,
		// notes are what an item's payload tells besides its type's details.
		"notes": shebao.NotesOf,
		"asset": as.url,
		// field describes a form input for the partial "field" (field.go).
		"field": newField,
	}
}

func strs(args []any) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = fmt.Sprint(a)
	}
	return out
}

// view returns the common part of a page's data.
func (h *handler) view(r *http.Request, title string) view {
	lang := h.lang(r)
	other := i18n.EN
	if lang == i18n.EN {
		other = i18n.ZH
	}
	return view{Lang: lang, Other: other, Title: title, CSRF: h.csrfToken(r),
		Next: r.URL.RequestURI(), Today: shebao.Today(h.clock)}
}

// userView returns the common part of a logged-in page's data.
func (h *handler) userView(r *http.Request, u user, title string) view {
	v := h.view(r, title)
	v.User = &u
	if u.Terminal != "" {
		v.IdleSecs = int(h.svc.Sessions.KioskIdle.Seconds())
		v.Terminal = u.Terminal
	}
	return v
}

// render executes a page into a buffer and writes it with status, so that
// a failing template never sends half a page.
func (h *handler) render(w http.ResponseWriter, r *http.Request, status int, page string, v view) error {
	t, ok := h.views.pages[v.Lang][page]
	if !ok {
		return fmt.Errorf("web: no page %q", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		return fmt.Errorf("web: render %s: %w", page, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w) // the client may have gone; nothing to do then
	return nil
}

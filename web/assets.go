package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFS embed.FS

// asset is one embedded static file.
type asset struct {
	body  []byte
	ctype string
}

// assets serves the embedded static files under content-hashed names
// (style.css as style.1a2b3c4d5e.css), so that browsers may cache them
// forever and still see every change.
type assets struct {
	byHashed map[string]asset  // hashed name → file
	urls     map[string]string // plain name → URL
}

// loadAssets reads and hashes every embedded static file.
func loadAssets() (*assets, error) {
	as := &assets{byHashed: map[string]asset{}, urls: map[string]string{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		name := path.Base(p)
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		as.byHashed[hashed] = asset{body: body, ctype: mime.TypeByExtension(ext)}
		as.urls[name] = "/static/" + hashed
		return nil
	})
	return as, err
}

// url returns the content-hashed URL of a static file.
func (as *assets) url(name string) string {
	if u, ok := as.urls[name]; ok {
		return u
	}
	return "/static/missing-" + name
}

// serveAsset serves a static file by its hashed name.
func (h *handler) serveAsset(w http.ResponseWriter, r *http.Request) {
	a, ok := h.assets.byHashed[r.PathValue("file")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", a.ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write(a.body)
}

// favicon answers browsers that ask for /favicon.ico on their own: the
// icon the layout links to.
func (h *handler) favicon(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, h.assets.url("favicon.svg"), http.StatusMovedPermanently)
}

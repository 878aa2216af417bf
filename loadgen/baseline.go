package loadgen

import (
	"context"
	"html/template"
	"net"
	"net/http"
)

// basePage is the baseline's page: a small html/template with a few
// values, about what the cheapest of shebao's pages renders.
var basePage = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body><h1>{{.Title}}</h1><ul>{{range .Rows}}<li>{{.}}</li>{{end}}</ul></body></html>
`))

// ServeBaseline serves the bare page on a new listener at addr
// (127.0.0.1:0 for any port) until ctx ends, and returns its URL.
func ServeBaseline(ctx context.Context, addr string) (string, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	data := struct {
		Title string
		Rows  []string
	}{"社保自助经办", []string{"新参保", "续保", "停保", "个人补收", "应缴金额"}}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_ = basePage.Execute(w, data)
	})}
	go func() { _ = srv.Serve(l) }()
	go func() { <-ctx.Done(); _ = srv.Close() }()
	return "http://" + l.Addr().String(), nil
}

// RunBaseline loads the bare page at url with cfg.C clients (closed loop)
// or at cfg.Rate (open loop), for cfg.Duration.
func RunBaseline(ctx context.Context, cfg Config, url string) (Report, error) {
	hc := httpClient(cfg.C)
	clients := make([]*client, max(cfg.C, 1))
	for i := range clients {
		clients[i] = &client{hc: hc, base: url}
	}
	m := Mix{ops: []Op{OpPage}, weights: []int{1}, total: 1}
	cfg.Mix = m
	cfg.MetricsURL, cfg.inProcess = "", true // the page is served in this process: its CPU is the load generator's
	return load(ctx, cfg, clients, "baseline page")
}

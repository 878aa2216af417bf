// Package metrics exposes shebao's Prometheus metrics (docs/OPERATIONS.md
// lists them): requests by route pattern and status, items the engine made
// by type, channel and decision and how long it took, upload sizes, and,
// read when Prometheus scrapes, the review queue and the database pool.
package metrics

import (
	"context"
	"database/sql"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"shebao"
	"shebao/reqinfo"
)

// Source is what the metrics read from the database on a scrape
// (*sqldb.DB).
type Source interface {
	Stats() sql.DBStats
	Retries() int64
	QueueStats(ctx context.Context) (int, time.Time, error)
}

// Metrics is one registry of shebao's metrics.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.HistogramVec
	uploads  *prometheus.HistogramVec
	items    *prometheus.CounterVec
	decide   *prometheus.HistogramVec
}

// New makes the registry, with the Go runtime's and the process's
// metrics and the readings of src taken on every scrape.
func New(src Source, clock shebao.Clock) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "shebao_http_request_duration_seconds", Help: "Time to answer a request, by route pattern and status.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"route", "status"})
	m.uploads = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "shebao_upload_bytes", Help: "Size of uploaded request bodies (multipart forms, workbooks), by route pattern.",
		Buckets: prometheus.ExponentialBuckets(1024, 4, 9), // 1 KiB … 64 MiB
	}, []string{"route"})
	m.items = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "shebao_items_total", Help: "Items the handling engine made, by type, channel and decision (status).",
	}, []string{"type", "channel", "decision"})
	m.decide = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "shebao_decision_seconds", Help: "Time the handling engine took to decide and store an item, by type.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1},
	}, []string{"type"})
	m.reg.MustRegister(m.requests, m.uploads, m.items, m.decide,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		&dbCollector{src: src, clock: clock})
	return m
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Item records an item the engine made (handling.Service.Observe).
func (m *Metrics) Item(it shebao.Item, took time.Duration) {
	m.items.WithLabelValues(string(it.Type), string(it.Channel), string(it.Status)).Inc()
	m.decide.WithLabelValues(string(it.Type)).Observe(took.Seconds())
}

// Middleware times every request by the route pattern it matched
// (reqinfo.Route; "unmatched" for none, so that unknown paths add no
// series) and its status, and records the size of uploads. It must run
// inside reqinfo.Middleware.
func (m *Metrics) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		route := reqinfo.Route(r.Context())
		if route == "" {
			route = "unmatched"
		}
		m.requests.WithLabelValues(route, strconv.Itoa(sw.status)).Observe(time.Since(start).Seconds())
		if r.ContentLength > 0 && strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			m.uploads.WithLabelValues(route).Observe(float64(r.ContentLength))
		}
	})
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (flushes).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Uploads exposes the uploads' admission (sheet.Admission.Load), read on
// every scrape: requests admitted (their file held or being read) and
// requests waiting for a place, unread.
func (m *Metrics) Uploads(load func() (admitted, waiting int)) {
	m.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "shebao_uploads_admitted",
			Help: "Upload requests admitted: their file held or being read."},
			func() float64 { a, _ := load(); return float64(a) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "shebao_uploads_waiting",
			Help: "Upload requests waiting for a place, their body unread."},
			func() float64 { _, w := load(); return float64(w) }))
}

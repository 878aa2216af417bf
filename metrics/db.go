package metrics

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"shebao"
)

var (
	queueDepth  = prometheus.NewDesc("shebao_review_queue_depth", "Items waiting for review.", nil, nil)
	queueOldest = prometheus.NewDesc("shebao_review_queue_oldest_age_seconds", "How long the oldest item waiting for review has waited (0 when none).", nil, nil)
	poolOpen    = prometheus.NewDesc("shebao_db_connections", "Connections of the writer pool, by state.", []string{"state"}, nil)
	poolWaits   = prometheus.NewDesc("shebao_db_wait_total", "Times a transaction waited for a connection of the writer pool.", nil, nil)
	poolWaited  = prometheus.NewDesc("shebao_db_wait_seconds_total", "Time transactions waited for a connection of the writer pool.", nil, nil)
	retries     = prometheus.NewDesc("shebao_db_tx_retries_total", "Transactions run again after a transient lock conflict (SQLITE_BUSY, serialization failure, deadlock).", nil, nil)
)

// dbCollector reads the database on every scrape: the review queue (two
// index reads on items_status) and the pool's counters (in memory).
type dbCollector struct {
	src   Source
	clock shebao.Clock
}

func (c *dbCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{queueDepth, queueOldest, poolOpen, poolWaits, poolWaited, retries} {
		ch <- d
	}
}

func (c *dbCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.src.Stats()
	ch <- prometheus.MustNewConstMetric(poolOpen, prometheus.GaugeValue, float64(s.InUse), "in_use")
	ch <- prometheus.MustNewConstMetric(poolOpen, prometheus.GaugeValue, float64(s.Idle), "idle")
	ch <- prometheus.MustNewConstMetric(poolWaits, prometheus.CounterValue, float64(s.WaitCount))
	ch <- prometheus.MustNewConstMetric(poolWaited, prometheus.CounterValue, s.WaitDuration.Seconds())
	ch <- prometheus.MustNewConstMetric(retries, prometheus.CounterValue, float64(c.src.Retries()))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	n, oldest, err := c.src.QueueStats(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(queueDepth, err)
		return
	}
	age := 0.0
	if !oldest.IsZero() {
		age = max(c.clock.Now().Sub(oldest).Seconds(), 0)
	}
	ch <- prometheus.MustNewConstMetric(queueDepth, prometheus.GaugeValue, float64(n))
	ch <- prometheus.MustNewConstMetric(queueOldest, prometheus.GaugeValue, age)
}

package stats

import (
	"io"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/sheet"
)

// WriteXLSX exports the report as an .xlsx workbook with four sheets:
// months (items by channel, total, fund and other items, growth and
// shares), types (items by month and type), channels (the range's
// items, shares and decision times) and collection (collectionRows). Percentages are numbers formatted
// 0.0%, computed from the exact tenths; a growth without a base is "—".
func WriteXLSX(w io.Writer, r Report, t Translator) error {
	f := excelize.NewFile()
	defer f.Close()
	pct, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("0.0%")})
	if err != nil {
		return err
	}
	money, err := f.NewStyle(&excelize.Style{NumFmt: 4})
	if err != nil {
		return err
	}
	x := &book{f: f, pct: pct, money: money}
	months := t("stats.sheet.months")
	if err := f.SetSheetName(f.GetSheetName(0), months); err != nil {
		return err
	}
	if err := x.sheet(months, monthRows(r, t)); err != nil {
		return err
	}
	if err := x.newSheet(t("stats.sheet.types"), typeRows(r, t)); err != nil {
		return err
	}
	if err := x.newSheet(t("stats.sheet.channels"), channelRows(r, t)); err != nil {
		return err
	}
	if err := x.newSheet(t("stats.sheet.collection"), collectionRows(r.Collection, t)); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

func ptr[T any](v T) *T { return &v }

// book writes rows to sheets; a Ratio or Change cell becomes a percentage.
type book struct {
	f     *excelize.File
	pct   int
	money int // amounts in yuan, #,##0.00
}

func (x *book) newSheet(name string, rows [][]any) error {
	if _, err := x.f.NewSheet(name); err != nil {
		return err
	}
	return x.sheet(name, rows)
}

func (x *book) sheet(name string, rows [][]any) error {
	sw, err := x.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, row := range rows {
		cells := make([]any, len(row))
		for j, v := range row {
			cells[j] = x.cell(v)
		}
		addr, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(addr, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func (x *book) cell(v any) any {
	var r Ratio
	switch v := v.(type) {
	case Ratio:
		r = v
	case Change:
		r = v.Ratio()
	case string:
		return sheet.Text(v) // names typed by people (terminals, units)
	case shebao.Fen:
		return excelize.Cell{StyleID: x.money, Value: float64(v) / 100}
	default:
		return v
	}
	tenths, ok := r.Tenths()
	if !ok {
		return "—"
	}
	return excelize.Cell{StyleID: x.pct, Value: float64(tenths) / 1000}
}

func monthRows(r Report, t Translator) [][]any {
	head := []any{t("stats.month")}
	for _, ch := range shebao.Channels {
		head = append(head, t("channel."+string(ch)))
	}
	head = append(head, t("stats.total"), t("stats.fund"), t("stats.other"), t("stats.mom"), t("stats.yoy"))
	for _, ch := range shebao.Channels {
		head = append(head, t("stats.share_of", t("channel."+string(ch))))
	}
	rows := [][]any{head}
	for _, m := range r.Months {
		row := []any{m.Period.String()}
		for _, n := range m.ByChannel {
			row = append(row, n)
		}
		row = append(row, m.Total, m.Fund, m.Other, m.MoM, m.YoY)
		for _, s := range m.Shares {
			row = append(row, s)
		}
		rows = append(rows, row)
	}
	return rows
}

func typeRows(r Report, t Translator) [][]any {
	head := []any{t("stats.month")}
	for _, ts := range r.Types {
		head = append(head, t("type."+string(ts.Type)))
	}
	rows := [][]any{head}
	for _, m := range r.Months {
		row := []any{m.Period.String()}
		for _, ts := range r.Types {
			row = append(row, m.ByType[ts.Type])
		}
		rows = append(rows, row)
	}
	total := []any{t("stats.total")}
	for _, ts := range r.Types {
		total = append(total, ts.Items)
	}
	return append(rows, total)
}

func channelRows(r Report, t Translator) [][]any {
	rows := [][]any{{t("stats.channel"), t("stats.items"), t("stats.share"), t("stats.decided"),
		t("stats.avg_seconds"), t("stats.p95_seconds")}}
	for _, c := range r.Channels {
		rows = append(rows, []any{t("channel." + string(c.Channel)), c.Items, c.Share, c.Decided,
			c.Avg.Round(1e9).Seconds(), c.P95.Round(1e9).Seconds()})
	}
	return append(rows, []any{t("stats.total"), r.Total})
}

package collection

import (
	"context"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/sheet"
)

// Header is the collection list's columns (docs/COLLECTION.md). A result
// file is the list with ResultHeader's columns added.
var Header = []string{"托收期", "明细编号", "统一社会信用代码", "单位名称", "扣款账号", "所属期", "类别",
	"养老单位", "养老个人", "医疗单位", "医疗个人", "失业单位", "失业个人", "工伤单位",
	"单位缴费", "个人缴费", "已收", "滞纳金", "应扣金额", "扣款日期"}

// ResultHeader is the columns the collector fills in.
var ResultHeader = []string{"扣款结果", "实扣金额", "失败原因"}

// Sheet is the name of the .xlsx list's sheet.
const Sheet = "托收清单"

var types = []shebao.Insurance{shebao.Pension, shebao.Medical, shebao.Unemployment, shebao.Injury}

// cells returns a line's columns; amounts through money.
func (l Line) cells(money func(shebao.Fen) any) []any {
	period := l.Period.String()
	if l.To > l.Period {
		period += "~" + l.To.String()
	}
	c := []any{l.ListPeriod.String(), l.Key, l.CreditCode, sheet.Text(l.UnitName), sheet.Text(l.Account), period, l.Kind}
	for _, ins := range types {
		v, ok := l.ByType[ins]
		n := 2
		if ins == shebao.Injury {
			n = 1 // the employee pays no work-injury insurance
		}
		for j := range n {
			if ok {
				c = append(c, money(v[j]))
			} else {
				c = append(c, nil)
			}
		}
	}
	return append(c, money(l.Employer), money(l.Employee), money(l.Collected), money(l.LateFee),
		money(l.Amount), l.Due.String())
}

// WriteCSV streams p's list as CSV (UTF-8 with a byte-order mark, amounts
// as 1234.50) to w, with a totals row.
func (s *Service) WriteCSV(ctx context.Context, a shebao.Actor, p shebao.Period, w io.Writer) (Totals, error) {
	cw, err := sheet.NewCSV(w)
	if err != nil {
		return Totals{}, err
	}
	if err := cw.Write(Header); err != nil {
		return Totals{}, err
	}
	rec := make([]string, len(Header))
	yuan := func(f shebao.Fen) any { return f.Yuan() }
	t, err := s.List(ctx, a, p, func(l Line) error {
		for i, c := range l.cells(yuan) {
			rec[i], _ = c.(string)
		}
		return cw.Write(rec)
	})
	if err != nil {
		return t, err
	}
	total := make([]string, len(Header))
	total[0] = "合计"
	for i, v := range []shebao.Fen{t.Employer, t.Employee, t.Collected, t.Fee, t.Amount} {
		total[14+i] = v.Yuan()
	}
	if err := cw.Write(total); err != nil {
		return t, err
	}
	cw.Flush()
	return t, cw.Error()
}

// WriteXLSX streams p's list as an .xlsx workbook (excelize's stream
// writer, zipped straight into w by sheet.Workbook; amounts as numbers in
// yuan, format #,##0.00) to w.
func (s *Service) WriteXLSX(ctx context.Context, a shebao.Actor, p shebao.Period, w io.Writer) (Totals, error) {
	b, err := sheet.NewWorkbook(w, Sheet)
	if err != nil {
		return Totals{}, err
	}
	defer b.Abandon()
	style, err := b.File.NewStyle(&excelize.Style{NumFmt: 4})
	if err != nil {
		return Totals{}, err
	}
	sw, err := b.Stream(Sheet)
	if err != nil {
		return Totals{}, err
	}
	head := make([]any, len(Header))
	for i, h := range Header {
		head[i] = h
	}
	if err := sw.SetRow("A1", head); err != nil {
		return Totals{}, err
	}
	row := 2
	money := func(v shebao.Fen) any { return excelize.Cell{StyleID: style, Value: float64(v) / 100} }
	t, err := s.List(ctx, a, p, func(l Line) error {
		row++
		return sw.SetRow("A"+strconv.Itoa(row-1), l.cells(money))
	})
	if err != nil {
		return t, err
	}
	total := make([]any, len(Header))
	total[0] = "合计"
	for i, v := range []shebao.Fen{t.Employer, t.Employee, t.Collected, t.Fee, t.Amount} {
		total[14+i] = money(v)
	}
	if err := sw.SetRow("A"+strconv.Itoa(row), total); err != nil {
		return t, err
	}
	return t, b.Close()
}

package batch

import (
	"slices"

	"github.com/xuri/excelize/v2"

	"shebao"
	"shebao/declaration"
)

// The upload's column headers. The enrollment template has ID number,
// name, business type and monthly wage; the stop template has ID number,
// name and stop reason; the base declaration template has ID number, name
// and last year's average monthly wage (package declaration's headers).
const (
	HeaderIDNumber     = declaration.HeaderIDNumber
	HeaderName         = declaration.HeaderName
	HeaderType         = "业务类型"
	HeaderWage         = "月工资(元)"
	HeaderStopReason   = "停保原因"
	HeaderDeclaredWage = declaration.HeaderWage
	// The columns the annotated workbook adds; an upload may carry them
	// (a corrected annotated workbook sent again): they are ignored.
	HeaderStatus = "处理状态"
	HeaderResult = "处理说明"
)

// Kinds are the batch kinds, in the order the batch page offers them.
var Kinds = []shebao.BatchKind{shebao.BatchEnroll, shebao.BatchStop, shebao.BatchDeclare}

// Headers returns a kind's headers in the template's order.
func Headers(k shebao.BatchKind) []string {
	switch k {
	case shebao.BatchStop:
		return []string{HeaderIDNumber, HeaderName, HeaderStopReason}
	case shebao.BatchDeclare:
		return []string{HeaderIDNumber, HeaderName, HeaderDeclaredWage}
	}
	return []string{HeaderIDNumber, HeaderName, HeaderType, HeaderWage}
}

// typeNames are the business types an enrollment row may name.
var typeNames = map[string]shebao.ItemType{"新参保": shebao.ItemEnroll, "续保": shebao.ItemResume,
	"enroll": shebao.ItemEnroll, "resume": shebao.ItemResume}

// TypeValues are the values of the business-type column, as the drop-down offers them.
var TypeValues = []string{"新参保", "续保"}

// stopNames are the stop reasons a stop row may name.
var stopNames = map[string]shebao.StopReason{"辞职": shebao.StopResignation, "解除劳动合同": shebao.StopDismissal,
	"死亡": shebao.StopDeath, "退休": shebao.StopRetirement, "转出": shebao.StopTransfer}

// StopValues are the values of the stop-reason column, as the drop-down offers them.
var StopValues = []string{"辞职", "解除劳动合同", "死亡", "退休", "转出"}

// sheetName is the name of the template's data sheet; the upload reads the
// first sheet whatever its name.
func sheetName(k shebao.BatchKind) string {
	switch k {
	case shebao.BatchStop:
		return "停保人员"
	case shebao.BatchDeclare:
		return "基数申报"
	}
	return "参保人员"
}

// instructions are the lines of the template's second sheet.
func instructions(k shebao.BatchKind) []string {
	lines := []string{
		"填写说明 / How to fill in",
		"1. 每行一人；第一行是表头，请勿修改或删除。One person per row; keep the header row as it is.",
		"2. 身份证号码：18 位居民身份证号码，以文本填写（本列已设为文本格式）；15 位旧号码请到柜台办理。18-character ID numbers, as text; 15-digit numbers go to the counter.",
		"3. 姓名：与参保登记的姓名一致。The name as registered.",
	}
	switch k {
	case shebao.BatchStop:
		lines = append(lines, "4. 停保原因：辞职、解除劳动合同、死亡、退休、转出（从下拉列表选择）。Stop reason: choose from the list.")
	case shebao.BatchDeclare:
		lines = append(lines,
			"4. 上年度月平均工资(元)：该职工上年度月平均工资，元，最多两位小数，不要填公式；系统按申报年度的缴费基数上下限调整，新基数从该年度规定的月份起执行。Last year's average monthly wage in yuan, at most two decimals, no formulas; the base is clamped to the year's floor and ceiling and applies from the month the year's policy sets.",
			"5. 只能在申报期内申报本单位在保职工。Only insured employees of the unit, only within the declaration window.",
			// The declaration page takes this template too: its upload
			// declares the good rows at once and lists the others.
			"在“批量办理”上传：先检查每一行（不办理），确认后才办理，办理结果写在本表最后两列；在“基数申报”页面上传：正确的行立即申报，有问题的行列出行号和原因。Batch upload: each row is checked first and nothing is done until you confirm; the result comes back in two new columns. Declaration page upload: good rows are declared at once; the others are listed with their row and reason.",
			"不要合并单元格，不要加密文件，最多 10000 行；文件不超过 10 MB（批量办理）或 1000 KB（基数申报页面）。No merged cells, no password, at most 10,000 rows; at most 10 MB (batch) or 1,000 KB (declaration page).")
	default:
		lines = append(lines,
			"4. 业务类型：新参保（从未参保）或续保（曾经参保）（从下拉列表选择）。New enrollment (never insured) or resumption (insured before).",
			"5. 月工资(元)：首月工资，元，最多两位小数，不要填公式。First month's wage in yuan, at most two decimals, no formulas.")
	}
	if k == shebao.BatchDeclare {
		return lines
	}
	return append(lines,
		"上传后先检查每一行（不办理），确认后才办理；办理结果写在本表最后两列。Each row is checked first; nothing is done until you confirm; the result comes back in two new columns.",
		"不要合并单元格，不要加密文件，最多 10000 行、10 MB。No merged cells, no password, at most 10,000 rows and 10 MB.")
}

// Template returns the upload template of a kind: the data sheet with its
// header, the ID-number column as text, drop-down lists for the coded
// columns, and an instructions sheet.
func Template(k shebao.BatchKind) ([]byte, error) {
	if !validKind(k) {
		return nil, shebao.Invalid("kind", ReasonUnknownKind)
	}
	f := excelize.NewFile()
	defer f.Close()
	data := sheetName(k)
	if err := f.SetSheetName("Sheet1", data); err != nil {
		return nil, err
	}
	headers := Headers(k)
	if err := templateColumns(f, data, headers); err != nil {
		return nil, err
	}
	for i, h := range headers {
		var values []string
		switch h {
		case HeaderType:
			values = TypeValues
		case HeaderStopReason:
			values = StopValues
		default:
			continue
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = col + "2:" + col + "10001"
		if err := dv.SetDropList(values); err != nil {
			return nil, err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "", "请从下拉列表选择 / Choose from the list")
		if err := f.AddDataValidation(data, dv); err != nil {
			return nil, err
		}
	}
	if err := instructionSheet(f, k); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// templateColumns writes the header row in bold, sets the ID-number column
// to text (so that Excel keeps every digit) and the column widths.
func templateColumns(f *excelize.File, sheet string, headers []string) error {
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": text
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(len(headers))
	if err := f.SetColWidth(sheet, "A", last, 18); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "A", "A", 24); err != nil {
		return err
	}
	if err := f.SetColStyle(sheet, "A", text); err != nil {
		return err
	}
	row := make([]any, len(headers))
	for i, h := range headers {
		row[i] = h
	}
	if err := f.SetSheetRow(sheet, "A1", &row); err != nil {
		return err
	}
	return f.SetCellStyle(sheet, "A1", last+"1", bold)
}

func instructionSheet(f *excelize.File, k shebao.BatchKind) error {
	const name = "填写说明"
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	if err := f.SetColWidth(name, "A", "A", 120); err != nil {
		return err
	}
	for i, line := range instructions(k) {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetCellStr(name, cell, line); err != nil {
			return err
		}
	}
	return nil
}

func validKind(k shebao.BatchKind) bool {
	return slices.Contains(Kinds, k)
}

// ParseKind returns the batch kind named s. Errors: EINVALID (field "kind").
func ParseKind(s string) (shebao.BatchKind, error) {
	k := shebao.BatchKind(s)
	if !validKind(k) {
		return "", shebao.Invalid("kind", ReasonUnknownKind)
	}
	return k, nil
}

package i18n

// Messages of the collection area added with issue 12's rest: the waiver
// page and the unit's calendar (docs/COLLECTION.md).
func init() {
	add(
		[3]string{"waiver.title", "滞纳金减免", "Late fee waivers"},
		[3]string{"waiver.intro", "审核人员可在法定情形下减免单位某一所属期截至今日的滞纳金，须填写原因；欠缴本金不变，次日起仍按日计收滞纳金。每次减免记入审计日志。", "A reviewer may waive the late fee a unit's period has run up to today, in the cases the law allows, with a reason; the principal stays owed and a fee runs again from tomorrow. Every waiver is in the audit log."},
		[3]string{"waiver.find", "查询单位", "Find the unit"},
		[3]string{"waiver.reason", "减免原因", "Reason for the waiver"},
		[3]string{"waiver.submit", "减免滞纳金 %s", "Waive the late fee of %s"},
		[3]string{"waiver.done", "已减免 %s 所属期截至今日的滞纳金。", "The late fee of period %s to today is waived."},
		[3]string{"waiver.no_fee", "该所属期目前没有滞纳金。", "This period has no late fee now."},
		[3]string{"waiver.none", "该单位没有欠缴的所属期。", "The unit owes no closed period."},
		[3]string{"office.nav.waivers", "滞纳金减免", "Late fee waivers"},
		[3]string{"cal.title", "本月日程", "This month"},
		[3]string{"cal.counter", "窗口增减员截止", "Last counter day for enrollment and stop"},
		[3]string{"cal.passed", "（已过）", "(passed)"},
		[3]string{"cal.deduction", "扣款日", "Deduction date"},
		[3]string{"cal.deduction_of", "%s（扣缴 %s 所属期费款，请提前存足）", "%s (the contributions of period %s: have the money in the account)"},
		[3]string{"cal.declaration", "缴费基数申报", "Base declaration"},
		[3]string{"cal.declaration_open", "%s 至 %s 开放（%s 年度）", "open %s to %s (year %s)"},
		[3]string{"cal.todo", "待办事项", "Still to do"},
		[3]string{"cal.nothing", "本月暂无待办事项。", "Nothing left to do this month."},
		[3]string{"cal.todo_months", "欠缴 %s 个所属期的费款，合计 %s（含滞纳金）", "%s periods owed: %s with late fees"},
		[3]string{"cal.todo_backpay", "%s 笔补收未缴，合计 %s（含滞纳金）", "%s back-pay items not paid: %s with late fees"},
		[3]string{"cal.todo_declaration", "%s 名参保职工尚未申报缴费基数（截止 %s）", "%s insured employees have no base declared (by %s)"},
		[3]string{"cal.todo_returned", "%s 件业务被退回，请查看原因并重新办理", "%s items were returned: see why and apply again"},
	)
}

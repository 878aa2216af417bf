package i18n

// Messages of the fixes of issue 8's bugs: the bill's back-pay section and
// the export's sections and headers, the declaration's effective month, the
// retirement pre-review's answer once the age is reached, the counter's
// retirement payment, the contribution history's totals and the ID check.
func init() {
	add(bugs8Billing...)
	add(bugs8Retirement...)
	add(bugs8Counter...)
}

var bugs8Counter = [][3]string{
	{"reason.COUNTER_RETIRE_SHORT", "退休预审：缴费年限还差 %s 个月（已缴费 %s 个月，最低 %s 个月），不能按月领取基本养老金，不能办理退休拨付。如确需办理（例如已一次性补缴，或视同缴费年限已核定），请在“办理依据”中写明原因。", "Retirement pre-review: the contribution is %s months short (%s months contributed, %s needed), so no monthly pension and no retirement payment. If it must be recorded all the same (a one-off payment made, deemed contribution years confirmed, …), write why under \"Grounds\"."},
	{"reason.COUNTER_RETIRE_NOT_DUE", "退休预审：该人员 %s 才达到法定退休年龄，现在也不能弹性提前退休，不能办理退休拨付。如确需办理，请在“办理依据”中写明原因。", "Retirement pre-review: the person reaches the statutory retirement age only in %s and cannot retire early now, so no retirement payment. If it must be recorded all the same, write why under \"Grounds\"."},
	{"office.counter.retire_intro", "先输入身份证号码，查看该人员的退休预审结果，再核验材料。办结后，该人员在本单位的参保自下一所属期起停止：不再列入花名册，不再核定缴费。", "Enter the ID number first to see the person's retirement pre-review, then check the documents. Once recorded, the person's insurance at the unit stops from the next period: off the roster, no longer billed."},
	{"office.counter.retire_check", "查看退休预审结果", "Show the retirement pre-review"},
	{"office.counter.retire_review", "退休预审结果", "Retirement pre-review"},
	{"office.counter.retire_ok", "预审结果支持办理：可以按月领取基本养老金。", "The pre-review supports it: a monthly pension is possible."},
	{"office.counter.retire_not_ok", "预审结果不支持办理。如确需办理，须在下方“办理依据”中写明原因，记入业务和审计记录。", "The pre-review does not support it. To record it all the same, write why under \"Grounds\" below; it is kept on the item and in the audit log."},
	{"office.counter.override_reason", "办理依据（预审结果不支持时必填）", "Grounds (required when the pre-review does not support it)"},
	{"office.counter.override_reason_hint", "最多 500 字，例如已一次性补缴的凭证号。", "Up to 500 characters, e.g. the receipt of a one-off payment."},
	{"office.payload.retirement", "退休预审结果", "Retirement pre-review"},
	{"office.payload.override_reason", "办理依据", "Grounds"},
	{"office.payload.stopped_coverages", "停止的参保险种数", "Coverages stopped"},
}

var bugs8Retirement = [][3]string{
	{"retire.reached_eligible", "已于 %s 达到法定退休年龄，缴费年限已满足（已缴费 %s 个月，最低 %s 个月）：现在即可申请退休，按月领取基本养老金。", "Reached the statutory retirement age in %s, and the minimum contribution is met (%s months contributed, %s needed): can apply for retirement now and draw a monthly pension."},
	{"retire.reached_short_answer", "已于 %s 达到法定退休年龄，但缴费年限还差 %s 个月（已缴费 %s 个月，最低 %s 个月），现在还不能按月领取基本养老金。", "Reached the statutory retirement age in %s, but the contribution is %s months short (%s months contributed, %s needed): no monthly pension yet."},
	{"retire.now_keep", "现在可以延长缴费：继续缴费 %s 个月，满足最低缴费年限后按月领取基本养老金；", "Extended contribution applies now: contribute %s more months, then draw a monthly pension once the minimum is met;"},
	{"retire.now_lump", "或一次性缴纳所差 %s 个月的费用后申请退休（须到窗口办理）。", "or pay the %s missing months in one sum, then apply for retirement (at the counter)."},
	{"retire.elastic_reached", "已到法定退休时间，不能再提前退休；", "The statutory month has come: early retirement is no longer possible;"},
	{"retire.elastic_over", "已过法定退休时间，不能提前退休；经单位同意延迟退休的最晚时间 %s 也已过去。", "The statutory month has passed: no early retirement, and the latest month of postponed retirement, %s, has passed too."},
}

var bugs8Billing = [][3]string{
	{"billing.export.sheet", "缴费明细", "Contributions"},
	{"billing.export.monthly", "月度核定（每人每月一行）", "Monthly assessment (one row per person and month)"},
	{"billing.export.backpay", "补收（经批准的个人补收，按补收业务核定的金额，另计滞纳金）", "Back-pay (approved back-pay items, at the amounts they quoted, with the late fee)"},
	{"billing.export.summary", "合计", "Totals"},
	{"billing.export.subtotal", "小计", "Subtotal"},
	{"billing.export.part.monthly", "月度核定", "Monthly assessment"},
	{"billing.export.part.backpay", "补收", "Back-pay"},
	{"billing.export.part.all", "总计", "All"},
	{"billing.export.col.period", "所属期", "Period"},
	{"billing.export.col.name", "姓名", "Name"},
	{"billing.export.col.id_number", "身份证号码", "ID number"},
	{"billing.export.col.base", "缴费基数", "Base"},
	{"billing.export.col.pension_er", "养老保险单位缴费", "Pension, employer"},
	{"billing.export.col.pension_ee", "养老保险个人缴费", "Pension, employee"},
	{"billing.export.col.medical_er", "医疗保险单位缴费", "Medical, employer"},
	{"billing.export.col.medical_ee", "医疗保险个人缴费", "Medical, employee"},
	{"billing.export.col.unemployment_er", "失业保险单位缴费", "Unemployment, employer"},
	{"billing.export.col.unemployment_ee", "失业保险个人缴费", "Unemployment, employee"},
	{"billing.export.col.injury_er", "工伤保险单位缴费", "Work injury, employer"},
	{"billing.export.col.employer", "单位缴费合计", "Employer total"},
	{"billing.export.col.employee", "个人缴费合计", "Employee total"},
	{"billing.export.col.total", "合计", "Total"},
	{"billing.export.col.late_fee", "滞纳金", "Late fee"},
	{"billing.export.col.due", "合计（含滞纳金）", "Total with late fee"},
	{"billing.export.col.item", "补收业务编号", "Back-pay item"},
	{"billing.export.col.part", "项目", "Part"},
	{"billing.monthly_total", "月度核定合计", "Monthly assessment"},
	{"billing.backpay_section", "本期补收", "Back-pay of this period"},
	{"billing.backpay_section_hint", "以下月份由经批准的个人补收业务收取，按补收业务提交时核定的金额，另计滞纳金；不计入月度核定，凭补收业务的缴费通知单缴纳。", "These months are charged by approved back-pay items, at the amounts quoted when each item was submitted, with the late fee; they are not part of the monthly assessment and are paid with the back-pay item's payment notice."},
	{"billing.backpay_section_none", "本期没有补收。", "No back-pay in this period."},
	{"billing.backpay_total", "补收合计（含滞纳金）", "Back-pay with late fee"},
	{"billing.period_total", "本期合计（月度核定 + 补收）", "This period in all (monthly assessment + back-pay)"},
	{"billing.backpay_paid", "已登记缴纳", "Recorded paid"},
	{"billing.history.paid", "已登记缴纳：已关账的月份和补收", "Recorded paid: closed months and back-pay"},
	{"billing.history.owed", "尚未登记缴纳：已关账的月份和已批准的补收（即“应扣费金额”页所列欠缴）", "Not yet recorded paid: closed months and approved back-pay (what the amount due lists as owed)"},
	{"billing.history.live", "未关账的月份：实时核定，尚未应缴，仍可能变化", "Months not closed: assessed live, not owed yet, may still change"},
	{"billing.history.all", "所列月份合计（以上三项之和）", "All the months listed (the three above together)"},
}

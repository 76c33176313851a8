import ExcelJS from 'exceljs';
import type { PaymentTimeline } from '@app/contracts-domain';

// The workbook finance opens: a summary line per contract, then one sheet per part of the story,
// every row naming its contract so a portfolio workbook filters like a single one. Money cells are
// the exact decimal strings of the JSON, stored as text: a number cell is a binary float, and
// 0.1 % of an amount must never come back as 22.999999.

export const SHEETS = { summary: 'Summary', derivation: 'Due date derivation', payments: 'Payments', lateDays: 'Late days', invoices: 'Invoices' } as const;

type Column = { header: string; key: string; width: number; money?: boolean };

const CONTRACT: Column = { header: 'Contract no.', key: 'contractNo', width: 18 };

const SUMMARY: Column[] = [
  CONTRACT,
  { header: 'Product', key: 'product', width: 22 },
  { header: 'Customer (甲方)', key: 'customer', width: 30 },
  { header: 'Vendor (乙方)', key: 'vendor', width: 30 },
  { header: 'Amount (CNY)', key: 'amount', width: 14, money: true },
  { header: 'Payment trigger (3.2)', key: 'trigger', width: 44 },
  { header: 'Triggered at', key: 'triggeredAt', width: 26 },
  { header: 'Working days', key: 'workingDays', width: 13 },
  { header: 'Due date', key: 'dueDate', width: 12 },
  { header: 'Deadline', key: 'deadline', width: 26 },
  { header: 'Outstanding at deadline (CNY)', key: 'outstandingAtDeadline', width: 18, money: true },
  { header: 'Paid (CNY)', key: 'paid', width: 14, money: true },
  { header: 'Outstanding (CNY)', key: 'outstanding', width: 16, money: true },
  { header: 'Late days', key: 'lateDays', width: 10 },
  { header: 'Penalty for late payment (CNY)', key: 'penaltyTotal', width: 16, money: true },
  { header: 'Payment status', key: 'status', width: 16 },
  { header: 'Contract status', key: 'contractStatus', width: 15 },
  { header: 'Calendar', key: 'calendar', width: 28 },
  { header: 'Time zone', key: 'timeZone', width: 15 },
  { header: 'As of', key: 'asOf', width: 26 },
  { header: 'Contract id', key: 'contractId', width: 38 },
];

const DERIVATION: Column[] = [
  CONTRACT,
  { header: 'Date', key: 'date', width: 12 },
  { header: 'Weekday', key: 'weekday', width: 11 },
  { header: 'Counted', key: 'counted', width: 10 },
  { header: 'Working day no.', key: 'workingDayNumber', width: 15 },
  { header: 'Why', key: 'reason', width: 70 },
];

const PAYMENTS: Column[] = [
  CONTRACT,
  { header: 'Received at', key: 'receivedAt', width: 26 },
  { header: 'Amount (CNY)', key: 'amount', width: 14, money: true },
  { header: 'Reference', key: 'reference', width: 24 },
  { header: 'Paid so far (CNY)', key: 'cumulativePaid', width: 16, money: true },
  { header: 'Outstanding after (CNY)', key: 'outstandingAfter', width: 18, money: true },
  { header: 'On time', key: 'onTime', width: 9 },
  { header: 'Days late', key: 'daysLate', width: 10 },
];

const LATE_DAYS: Column[] = [
  CONTRACT,
  { header: 'Late day', key: 'lateDay', width: 9 },
  { header: 'Started at', key: 'startedAt', width: 26 },
  { header: 'Amount (CNY)', key: 'amount', width: 14, money: true },
  { header: 'Customer total (CNY)', key: 'customerTotal', width: 18, money: true },
];

const INVOICES: Column[] = [
  CONTRACT,
  { header: 'Invoice no.', key: 'invoiceNo', width: 16 },
  { header: 'Amount (CNY)', key: 'amount', width: 14, money: true },
  { header: 'Issued at', key: 'issuedAt', width: 26 },
  { header: 'Received at', key: 'receivedAt', width: 26 },
];

export async function renderTimelinesXlsx(timelines: readonly PaymentTimeline[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'contract lifecycle service';
  sheet(workbook, SHEETS.summary, SUMMARY, timelines.map(summaryRow));
  sheet(workbook, SHEETS.derivation, DERIVATION, timelines.flatMap((t) => (t.due?.derivation ?? []).map((d) => ({ contractNo: t.contractNo, ...d, counted: d.counted ? 'yes' : 'no' }))));
  sheet(workbook, SHEETS.payments, PAYMENTS, timelines.flatMap((t) => t.payments.map((p) => ({ contractNo: t.contractNo, ...p, onTime: p.onTime ? 'yes' : 'no' }))));
  sheet(workbook, SHEETS.lateDays, LATE_DAYS, timelines.flatMap((t) => t.lateDays.map((d) => ({ contractNo: t.contractNo, ...d }))));
  sheet(workbook, SHEETS.invoices, INVOICES, timelines.flatMap((t) => t.invoices.map((i) => ({ contractNo: t.contractNo, ...i }))));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function summaryRow(t: PaymentTimeline): Record<string, unknown> {
  return {
    contractNo: t.contractNo,
    product: t.product,
    customer: t.parties.customer,
    vendor: t.parties.vendor,
    amount: t.amount,
    trigger: t.trigger?.description ?? `awaiting ${t.terms.trigger === 'signing' ? 'both signatures' : 'receipt of an invoice'}`,
    triggeredAt: t.trigger?.at ?? '',
    workingDays: t.terms.workingDays,
    dueDate: t.due?.date ?? '',
    deadline: t.due?.deadline ?? '',
    outstandingAtDeadline: t.due?.outstandingAtDeadline ?? '',
    paid: t.paid,
    outstanding: t.outstanding,
    lateDays: t.lateDays.length,
    penaltyTotal: t.penaltyTotal,
    status: t.status,
    contractStatus: t.contractStatus,
    calendar: `${t.calendar.id} ${t.calendar.version}`,
    timeZone: t.timeZone,
    asOf: t.asOf,
    contractId: t.contractId,
  };
}

function sheet(workbook: ExcelJS.Workbook, name: string, columns: Column[], rows: Record<string, unknown>[]): void {
  const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = columns.map(({ header, key, width }) => ({ header, key, width }));
  worksheet.getRow(1).font = { bold: true };
  for (const row of rows) worksheet.addRow(row);
  for (const column of columns.filter((c) => c.money)) {
    // Text cells, right-aligned so they still read as figures; '@' tells Excel the column is text.
    const cells = worksheet.getColumn(column.key);
    cells.numFmt = '@';
    cells.alignment = { horizontal: 'right' };
  }
}

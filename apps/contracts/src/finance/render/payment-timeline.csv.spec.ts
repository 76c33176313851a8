import { chinaWorkingDayCalendar, foldContract, paymentTimeline, Temporal } from '@app/contracts-domain';
import { exampleTerms } from '../../../../../test/support/test-app';
import { csvRecords } from '../../../../../test/support/csv-reader';
import { renderTimelinesCsv } from './payment-timeline.csv';

// Party names are typed by users; a CSV opened in Excel runs a cell starting with "=" as a formula
// (CSV injection). The name must arrive as text, visibly, never as a live formula.

function draftedWithCustomer(name: string) {
  const terms = exampleTerms('basiccall-2021') as never as { customer: { name: string } };
  terms.customer.name = name;
  const state = foldContract([{ type: 'ContractDrafted', data: { contractId: 'c', terms: terms as never, draftedAt: '2021-01-10T09:00:00+08:00' } }])!;
  return paymentTimeline(state, chinaWorkingDayCalendar, Temporal.Instant.from('2021-01-10T09:00:00+08:00'));
}

describe('payment timeline CSV', () => {
  it('writes a customer named like a formula as text, with a leading apostrophe', () => {
    const timeline = draftedWithCustomer('=HYPERLINK("http://evil.example","点我")');
    const csv = renderTimelinesCsv([{ ...timeline, invoices: [{ invoiceNo: 'FP-1', amount: '1.00', issuedAt: '2021-01-10T09:00:00+08:00', receivedAt: null }] }]);
    const [row] = csvRecords(csv.subarray(3).toString('utf8'));
    expect(row.customer).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(row.amount).toBe('1.00');
  });

  it('writes only the header for a contract with nothing on its timeline yet, still with the BOM', () => {
    const csv = renderTimelinesCsv([draftedWithCustomer('北京创联致信科技有限公司')]);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.subarray(3).toString('utf8')).toBe('contractNo,customer,vendor,entry,date,at,workingDay,lateDay,amount,runningTotal,outstanding,reference,detail\r\n');
  });
});

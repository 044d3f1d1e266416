// The script of the self-contained HTML report (`robustlens report --format html`, Export Report…):
// it reads the data embedded in the page and draws the same charts and tables as the dashboard.
import type { Report, RunComparison } from '../src/common/reportData';
import { renderReportView } from './report/reportView';
import './report/report.css';

const data = JSON.parse(document.getElementById('report-data')?.textContent ?? '{}') as { report?: Report; comparisons?: RunComparison[] };
const root = document.getElementById('root')!;
const title = document.createElement('h1');
title.textContent = 'RobustLens report';
const note = document.createElement('p');
note.className = 'muted';
note.textContent = `Accuracy with 95% intervals: Wilson for a split, normal for a component's mean of types. Changes from clean are paired on sample ids, with a bootstrap interval (seed ${data.report?.seed ?? '–'}).`;
const body = document.createElement('div');
root.replaceChildren(title, note, body);
if (data.report) renderReportView(body, data.report, data.comparisons ?? [], undefined);

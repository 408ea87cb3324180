// The kernel reads the same logistic tables as the JavaScript model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newKernel } from '../../src/coder/kernel';
import { LOGIT_LIMIT, SQUASH, STRETCH } from '../../src/model/logistic';

test('kernel: squash and stretch read the JavaScript tables', () => {
  const k = newKernel();
  const hookSquash = k.hookSquash as (d: number) => number;
  const hookStretch = k.hookStretch as (p: number) => number;
  for (let d = -LOGIT_LIMIT - 3; d <= LOGIT_LIMIT + 3; d++) {
    const clamped = Math.max(-LOGIT_LIMIT, Math.min(LOGIT_LIMIT, d));
    assert.equal(hookSquash(d), SQUASH[clamped + LOGIT_LIMIT]);
  }
  for (let p = 0; p < 65536; p++) if (hookStretch(p) !== STRETCH[p]) assert.fail(`stretch ${p}`);
});

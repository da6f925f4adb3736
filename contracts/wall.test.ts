import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kioskLayout, wallLayoutSchema } from './wall';

const layout = wallLayoutSchema.parse({
  id: 'default',
  name: 'W',
  rotateSeconds: 30,
  scenes: [
    { id: 'city', title_vi: 'Thành phố', title_en: 'City', panels: ['map'] },
    { id: 'traffic', title_vi: 'Giao thông', title_en: 'Traffic', panels: ['camera-events'], seconds: 60 },
    { id: 'env', title_vi: 'Môi trường', title_en: 'Environment', panels: ['latest-readings'] },
  ],
});

test("a kiosk's wall: its scenes in its order, unknown ids skipped, its pace over the layout's and the scenes'", () => {
  assert.deepEqual(
    kioskLayout(layout, ['env', 'gone', 'city'], null).scenes.map((s) => s.id),
    ['env', 'city'],
  );
  assert.equal(kioskLayout(layout, [], null), layout, 'no scenes chosen: the layout as it is');
  const paced = kioskLayout(layout, ['traffic'], 12);
  assert.equal(paced.rotateSeconds, 12);
  assert.equal(paced.scenes[0]!.seconds, undefined, "the kiosk's pace replaces the scene's own");
  assert.equal(kioskLayout(layout, ['traffic'], null).scenes[0]!.seconds, 60);
});

test('a kiosk whose scenes all left the layout shows every scene, not a blank wall', () => {
  assert.deepEqual(
    kioskLayout(layout, ['gone'], null).scenes.map((s) => s.id),
    ['city', 'traffic', 'env'],
  );
  assert.deepEqual(
    kioskLayout(layout, ['gone'], 20).scenes.map((s) => s.id),
    ['city', 'traffic', 'env'],
  );
});

/**
 * Strings of the verifier's camera (`<kofu-camera-capture>`): the live hints over the preview and
 * the torch, spread into messages.ts. The camera's other words are in messages-verify.ts.
 */
export const cameraJa = {
  'camera.hint.dark': '暗すぎます。明るい場所で写してください。',
  'camera.hint.blurry': 'ぶれています。動かさないでください。',
  'camera.hint.closer': 'もう少し近づけてください。',
  'camera.hint.tilted': '用紙の真上から、まっすぐに写してください。',
  'camera.hint.searching': '裏面のスクランブル画像を枠の中に入れてください。',
  'camera.hint.ready': '読み取っています…',
  'camera.torch-on': 'ライトをつける',
  'camera.torch-off': 'ライトを消す',
  'camera.auto-note': '読み取れると自動で確認します。',
};

export const cameraEn = {
  'camera.hint.dark': 'Too dark. Move to a brighter place.',
  'camera.hint.blurry': 'Blurred. Hold still.',
  'camera.hint.closer': 'Move a little closer.',
  'camera.hint.tilted': 'Hold the phone straight above the paper.',
  'camera.hint.searching': 'Fit the scrambled image on the back into the frame.',
  'camera.hint.ready': 'Reading…',
  'camera.torch-on': 'Turn the light on',
  'camera.torch-off': 'Turn the light off',
  'camera.auto-note': 'The check starts by itself as soon as the picture reads.',
} satisfies typeof cameraJa;

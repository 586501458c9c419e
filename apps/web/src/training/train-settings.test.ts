import { courseSettings, parseTrainSettings, SettingsError } from './train-settings';

describe('parseTrainSettings', () => {
  it('takes the course values for empty fields', () => {
    expect(parseTrainSettings({ zooId: 'mlp-raw' })).toEqual({
      ...courseSettings('mlp-raw'),
      learningRate: undefined,
      hidden: undefined,
      activation: undefined,
      imageSize: undefined,
      limit: undefined,
    });
    expect(courseSettings('mlp-raw')).toMatchObject({ epochs: 3, batchSize: 128, optimizer: 'rmsprop', validationSplit: 0.1, seed: 0 });
  });

  it('parses every field', () => {
    const s = parseTrainSettings({
      zooId: 'mlp-raw',
      epochs: '2',
      batchSize: '64',
      optimizer: 'adam',
      learningRate: '0.01',
      hidden: '32, 16',
      activation: 'tanh',
      limit: '2000',
      validationSplit: '0.2',
      seed: '7',
    });
    expect(s).toEqual({
      zooId: 'mlp-raw',
      epochs: 2,
      batchSize: 64,
      optimizer: 'adam',
      learningRate: 0.01,
      hidden: [32, 16],
      activation: 'tanh',
      imageSize: undefined,
      limit: 2000,
      validationSplit: 0.2,
      seed: 7,
    });
  });

  it('keeps fields that do not apply out: image size for MLPs, activation and validation split where the data decides', () => {
    expect(parseTrainSettings({ zooId: 'mlp-hog', imageSize: '64' }).imageSize).toBeUndefined();
    expect(parseTrainSettings({ zooId: 'cnn-mnist', activation: 'tanh', imageSize: '28' })).toMatchObject({ activation: undefined, imageSize: 28 });
    expect(parseTrainSettings({ zooId: 'cnn-pneumonia', validationSplit: '0.3' })).toMatchObject({
      validationSplit: 0,
      epochs: 5,
      batchSize: 64,
      optimizer: 'adam',
    });
  });

  it('names the field of a bad value', () => {
    const bad = (values: Record<string, string>) => {
      try {
        parseTrainSettings({ zooId: 'mlp-raw', ...values });
      } catch (err) {
        return err instanceof SettingsError ? `${err.field}: ${err.message}` : String(err);
      }
      return 'no error';
    };
    expect(bad({ epochs: '0' })).toBe("epochs: epochs must be an integer in 1..1000, got '0'");
    expect(bad({ batchSize: '1.5' })).toMatch(/^batchSize:/);
    expect(bad({ hidden: '10,x' })).toMatch(/^hidden: hidden units must be integers/);
    expect(bad({ validationSplit: '1' })).toMatch(/^validationSplit: .*\[0, 1\)/);
    expect(bad({ optimizer: 'adagrad' })).toMatch(/^optimizer:/);
    expect(bad({ zooId: 'resnet' })).toBe("zooId: unknown model 'resnet'");
    expect(bad({ zooId: 'cnn-pneumonia', imageSize: '16' })).toMatch(/^imageSize: .*32\.\.512/);
  });
});

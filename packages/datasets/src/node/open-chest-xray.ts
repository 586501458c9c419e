// The Kaggle chest X-ray layout (Kermany et al.): train/, val/, test/ each with NORMAL/ and
// PNEUMONIA/ (or a folder holding just those two), read like Keras' image_dataset_from_directory.
import { openImageFolder, type ImageFolder, type ImageFolderOptions } from './image-folder';

/** Class folder names in label order: NORMAL → 0, PNEUMONIA → 1 (matched case-insensitively). */
export const CHEST_XRAY_CLASS_NAMES: readonly string[] = ['NORMAL', 'PNEUMONIA'];

/** Options of {@link openChestXray}: those of {@link openImageFolder} except the class names. */
export type ChestXrayOptions = Omit<ImageFolderOptions, 'classNames'>;

/**
 * Opens a chest X-ray folder (see {@link openImageFolder}); any class folder other than NORMAL and
 * PNEUMONIA is an error that lists the folders found.
 */
export function openChestXray(root: string, options: ChestXrayOptions = {}): Promise<ImageFolder> {
  return openImageFolder(root, { ...options, classNames: CHEST_XRAY_CLASS_NAMES });
}

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { type FieldErrors, fieldErrorsFromProblem, fieldErrorsFromZod } from '../ui/field-errors';

/**
 * Validates with the same contract schema the server uses, so most mistakes are caught before a round trip;
 * whatever the server still rejects is mapped back onto the fields.
 */
export const useFormSave = <S extends z.ZodType, R>(
  schema: S,
  save: (body: z.output<S>) => Promise<R>,
  onSaved: (result: R) => void,
) => {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const mutation = useMutation({
    mutationFn: save,
    onSuccess: (result) => {
      setFieldErrors({});
      onSaved(result);
    },
    onError: (error) => setFieldErrors(fieldErrorsFromProblem(error)),
  });
  const submit = (input: unknown) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      setFieldErrors(fieldErrorsFromZod(parsed.error));
      return;
    }
    setFieldErrors({});
    mutation.mutate(parsed.data);
  };
  const reset = () => {
    setFieldErrors({});
    mutation.reset();
  };
  // Field-level messages already say what is wrong; the banner is for everything else.
  const bannerError = mutation.error && Object.keys(fieldErrors).length === 0 ? mutation.error : null;
  return { submit, reset, fieldErrors, saving: mutation.isPending, error: bannerError };
};
